package dev.poststride.platform;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.poststride.support.Api.as;
import static dev.poststride.support.Api.problem;
import static dev.poststride.support.FakePlatforms.SECRET_MARK;
import static dev.poststride.support.OAuthFlow.callback;
import static dev.poststride.support.OAuthFlow.formParams;
import static dev.poststride.support.OAuthFlow.newCode;
import static dev.poststride.support.OAuthFlow.queryParams;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.poststride.support.Api;
import dev.poststride.support.InjectFakePlatforms;
import dev.poststride.support.OAuthFlow;
import dev.poststride.support.PlatformStubs;
import dev.poststride.support.PlatformStubs.Tokens;
import dev.poststride.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Token refresh: ahead of expiry, rotation, one refresh at a time, and what a refusal or an outage does to the
 * connection. The job runs through the internal trigger, as a cron would run it.
 */
@QuarkusTest
class TokenRefreshTest {

    private static final String TRIGGER = "Bearer test-trigger-secret";

    @InjectFakePlatforms
    WireMockServer fake;

    @BeforeEach
    void resetFakes() throws Exception {
        fake.resetAll();
        // Connections of earlier tests must not be due in this one.
        try (Connection c = Sql.connect()) {
            Sql.exec(c, "update user_platforms set status = 'revoked' where status = 'active'");
        }
    }

    record Connected(Api.Account user, String id, Tokens tokens) {
    }

    private Connected connectX() {
        Api.Account user = Api.register();
        OAuthFlow.Started started = OAuthFlow.start(user, "x");
        String code = newCode();
        Tokens tokens = PlatformStubs.xConnect(fake, code, "x-" + UUID.randomUUID(), "refresher");
        String id = callback("x", code, started.state()).then().statusCode(200).extract().path("id");
        return new Connected(user, id, tokens);
    }

    private static void expiresIn(String connectionId, long seconds) throws Exception {
        try (Connection c = Sql.connect()) {
            Sql.exec(c, "update user_platforms set token_expires_at = ? where id = ?",
                     Timestamp.from(Instant.now().plusSeconds(seconds)), UUID.fromString(connectionId));
        }
    }

    private static JsonPath runJob() {
        return given().header("Authorization", TRIGGER).post("/api/internal/token-refresh-cycle")
                .then().statusCode(200).extract().jsonPath();
    }

    private static String status(Api.Account user) {
        return as(user).get("/api/platforms/connected").then().extract().path("items[0].status");
    }

    @Test
    void theJobRefreshesTokensThatExpireSoonAndLeavesTheOthers() throws Exception {
        Connected soon = connectX();
        Connected later = connectX();
        expiresIn(soon.id(), 300);
        expiresIn(later.id(), 3 * 3600);
        Tokens next = Tokens.fresh("x");
        PlatformStubs.xRefresh(fake, soon.tokens().refresh(), next);

        assertThat(runJob().getInt("refreshed")).isEqualTo(1);

        List<LoggedRequest> calls = fake.findAll(postRequestedFor(urlPathEqualTo("/x/2/oauth2/token"))
                                                         .withRequestBody(WireMock.containing("grant_type=refresh_token")));
        assertThat(calls).hasSize(1);
        assertThat(formParams(calls.getFirst().getBodyAsString()))
                .containsOnly(Map.entry("grant_type", "refresh_token"), Map.entry("refresh_token", soon.tokens().refresh()));
        assertThat(calls.getFirst().getHeader("Authorization")).startsWith("Basic ");
        String expiry = as(soon.user()).get("/api/platforms/connected").then().extract().path("items[0].token_expires_at");
        assertThat(Instant.parse(expiry)).isAfter(Instant.now().plus(110, ChronoUnit.MINUTES));
        PlatformConnectTest.assertNoPlaintextTokenStored(UUID.fromString(soon.id()), next);
    }

    @Test
    void aRotatedRefreshTokenReplacesTheOldOne() throws Exception {
        Connected x = connectX();
        Tokens second = Tokens.fresh("x");
        Tokens third = Tokens.fresh("x");
        PlatformStubs.xRefresh(fake, x.tokens().refresh(), second);
        as(x.user()).post("/api/platforms/connected/" + x.id() + "/refresh").then().statusCode(200)
                .body("status", equalTo("active")).body(not(containsString(SECRET_MARK)));

        // The fake now burns the first refresh token, as X does; only the rotated one works.
        PlatformStubs.xRefreshRejected(fake, x.tokens().refresh(), "invalid_request");
        PlatformStubs.xRefresh(fake, second.refresh(), third);
        as(x.user()).post("/api/platforms/connected/" + x.id() + "/refresh").then().statusCode(200)
                .body("status", equalTo("active"));

        List<String> sent = fake.findAll(postRequestedFor(urlPathEqualTo("/x/2/oauth2/token"))
                                                 .withRequestBody(WireMock.containing("grant_type=refresh_token")))
                .stream().map(r -> formParams(r.getBodyAsString()).get("refresh_token")).toList();
        assertThat(sent).containsExactly(x.tokens().refresh(), second.refresh());
        PlatformConnectTest.assertNoPlaintextTokenStored(UUID.fromString(x.id()), third);
    }

    @Test
    void concurrentRefreshesOfOneConnectionMakeExactlyOneTokenCall() throws Exception {
        Connected x = connectX();
        Tokens next = Tokens.fresh("x");
        fake.stubFor(post(urlPathEqualTo("/x/2/oauth2/token"))
                             .withRequestBody(WireMock.containing("refresh_token=" + x.tokens().refresh()))
                             .willReturn(okJson(PlatformStubs.tokenJson(next, 7200, PlatformStubs.X_SCOPES))
                                                 .withFixedDelay(1500)));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Integer>> calls = java.util.stream.IntStream.range(0, 3)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        await(go);
                        return as(x.user()).post("/api/platforms/connected/" + x.id() + "/refresh").statusCode();
                    }, pool)).toList();
            go.countDown();
            assertThat(calls.stream().map(CompletableFuture::join).toList()).containsOnly(200);
        } finally {
            pool.shutdownNow();
        }
        fake.verify(1, postRequestedFor(urlPathEqualTo("/x/2/oauth2/token"))
                .withRequestBody(WireMock.containing("grant_type=refresh_token")));
        PlatformConnectTest.assertNoPlaintextTokenStored(UUID.fromString(x.id()), next);
    }

    @Test
    void aRefusedGrantMeansTheUserMustReconnect() throws Exception {
        Connected x = connectX();
        expiresIn(x.id(), 60);
        PlatformStubs.xRefreshRejected(fake, x.tokens().refresh(), "invalid_grant");

        assertThat(runJob().getInt("needs_reauth")).isEqualTo(1);
        assertThat(status(x.user())).isEqualTo("needs_reauth");
        assertThat(runJob().getInt("needs_reauth")).isZero();
        fake.verify(1, postRequestedFor(urlPathEqualTo("/x/2/oauth2/token"))
                .withRequestBody(WireMock.containing("grant_type=refresh_token")));
        problem(as(x.user()).post("/api/platforms/connected/" + x.id() + "/refresh").then(), 409);
    }

    @Test
    void aPlatformOutageKeepsTheConnectionActiveAndIsRetriedAfterABackoff() throws Exception {
        Connected x = connectX();
        expiresIn(x.id(), 60);
        fake.stubFor(post(urlPathEqualTo("/x/2/oauth2/token")).willReturn(aResponse().withStatus(503)));

        assertThat(runJob().getInt("retry_later")).isEqualTo(1);
        assertThat(status(x.user())).isEqualTo("active");
        assertThat(runJob().getInt("retry_later")).isZero(); // backing off, not hammering
        fake.verify(1, postRequestedFor(urlPathEqualTo("/x/2/oauth2/token"))
                .withRequestBody(WireMock.containing("grant_type=refresh_token")));

        try (Connection c = Sql.connect()) {
            Object next = Sql.value(c, "select next_refresh_at from user_platforms where id = ?", UUID.fromString(x.id()));
            assertThat(((Timestamp) next).toInstant()).isAfter(Instant.now().plusSeconds(30));
            Sql.exec(c, "update user_platforms set next_refresh_at = now() - interval '1 second' where id = ?",
                     UUID.fromString(x.id()));
        }
        fake.resetAll();
        Tokens next = Tokens.fresh("x");
        PlatformStubs.xRefresh(fake, x.tokens().refresh(), next);
        assertThat(runJob().getInt("refreshed")).isEqualTo(1);
        assertThat(status(x.user())).isEqualTo("active");
    }

    @Test
    void tikTokRotatesItsRefreshTokenToo() throws Exception {
        Api.Account user = Api.register();
        OAuthFlow.Started started = OAuthFlow.start(user, "tiktok");
        String code = newCode();
        String openId = "open-" + UUID.randomUUID();
        Tokens first = PlatformStubs.tikTokConnect(fake, code, openId);
        String id = callback("tiktok", code, started.state()).then().statusCode(200).extract().path("id");
        expiresIn(id, 120);
        Tokens second = Tokens.fresh("tiktok");
        fake.stubFor(post(urlPathEqualTo("/tiktok/v2/oauth/token/"))
                             .withRequestBody(WireMock.containing("refresh_token=" + first.refresh()))
                             .willReturn(okJson(PlatformStubs.tikTokTokenJson(second, openId))));

        assertThat(runJob().getInt("refreshed")).isEqualTo(1);
        LoggedRequest call = fake.findAll(postRequestedFor(urlPathEqualTo("/tiktok/v2/oauth/token/"))
                                                  .withRequestBody(WireMock.containing("grant_type=refresh_token"))).getFirst();
        assertThat(formParams(call.getBodyAsString())).containsOnly(
                Map.entry("grant_type", "refresh_token"), Map.entry("refresh_token", first.refresh()),
                Map.entry("client_key", "tiktok-client-id"),
                Map.entry("client_secret", dev.poststride.support.FakePlatforms.clientSecret("tiktok")));
        PlatformConnectTest.assertNoPlaintextTokenStored(UUID.fromString(id), second);
    }

    @Test
    void anAnswerWithoutARefreshTokenNeverWipesTheStoredOne() throws Exception {
        Api.Account user = Api.register();
        OAuthFlow.Started started = OAuthFlow.start(user, "linkedin");
        String code = newCode();
        Tokens first = PlatformStubs.linkedInConnect(fake, code, "member-" + UUID.randomUUID(), true);
        String id = callback("linkedin", code, started.state()).then().statusCode(200).extract().path("id");
        fake.stubFor(post(urlPathEqualTo("/linkedin/oauth/v2/accessToken"))
                             .withRequestBody(WireMock.containing("grant_type=refresh_token"))
                             .willReturn(okJson(PlatformStubs.tokenJson(new Tokens(Tokens.fresh("linkedin").access(), null),
                                                                        5_184_000, null))));

        as(user).post("/api/platforms/connected/" + id + "/refresh").then().statusCode(200);
        as(user).post("/api/platforms/connected/" + id + "/refresh").then().statusCode(200);

        List<String> sent = fake.findAll(postRequestedFor(urlPathEqualTo("/linkedin/oauth/v2/accessToken"))
                                                 .withRequestBody(WireMock.containing("grant_type=refresh_token")))
                .stream().map(r -> formParams(r.getBodyAsString()).get("refresh_token")).toList();
        assertThat(sent).containsExactly(first.refresh(), first.refresh());
    }

    @Test
    void anInstagramConnectionHoldsItsPagesTokenWhichIsNeverRenewed() throws Exception {
        Api.Account user = Api.register();
        OAuthFlow.Started started = OAuthFlow.start(user, "instagram");
        String code = newCode();
        PlatformStubs.metaLogin(fake, "instagram", code);
        fake.stubFor(WireMock.get(urlPathEqualTo("/instagram/v25.0/me/accounts"))
                             .willReturn(okJson("{\"data\":[{\"id\":\"3001\",\"access_token\":\"page-3001\","
                                                + "\"instagram_business_account\":{\"id\":\"1789\"}}]}")));
        fake.stubFor(WireMock.get(urlPathEqualTo("/instagram/v25.0/1789")).willReturn(okJson("{\"username\":\"ig\"}")));
        String id = callback("instagram", code, started.state()).then().statusCode(200)
                .body("token_expires_at", org.hamcrest.Matchers.nullValue()).extract().path("id");
        int exchanges = fake.findAll(getRequestedFor(urlPathEqualTo("/instagram/v25.0/oauth/access_token"))).size();

        assertThat(runJob().getInt("refreshed")).isZero();
        problem(as(user).post("/api/platforms/connected/" + id + "/refresh").then(), 409);

        // No undocumented re-exchange of a long-lived token, and the connection stays usable.
        assertThat(fake.findAll(getRequestedFor(urlPathEqualTo("/instagram/v25.0/oauth/access_token"))))
                .hasSize(exchanges);
        assertThat(status(user)).isEqualTo("active");
    }

    @Test
    void tokensThatRanOutWithNoWayToRenewThemMarkTheConnectionForReconnecting() throws Exception {
        Api.Account user = Api.register();
        OAuthFlow.Started started = OAuthFlow.start(user, "linkedin");
        String code = newCode();
        PlatformStubs.linkedInConnect(fake, code, "member-" + UUID.randomUUID(), false);
        String id = callback("linkedin", code, started.state()).then().statusCode(200).extract().path("id");
        problem(as(user).post("/api/platforms/connected/" + id + "/refresh").then(), 409);

        expiresIn(id, -1);
        assertThat(runJob().getInt("lapsed")).isEqualTo(1);
        assertThat(status(user)).isEqualTo("needs_reauth");
    }

    @Test
    void theTriggerNeedsTheSecret() {
        problem(given().post("/api/internal/token-refresh-cycle").then(), 401);
        problem(given().header("Authorization", "Bearer wrong").post("/api/internal/token-refresh-cycle").then(), 401);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
