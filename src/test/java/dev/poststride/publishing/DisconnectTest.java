package dev.poststride.publishing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.poststride.support.Api.as;
import static dev.poststride.support.Api.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.poststride.post.TargetClaims;
import dev.poststride.post.TargetClaims.Claimed;
import dev.poststride.publishing.XPublishingTest.Account;
import dev.poststride.support.InjectFakePlatforms;
import dev.poststride.support.OAuthFlow;
import dev.poststride.support.PlatformStubs;
import dev.poststride.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Disconnecting an account keeps what was published through it, cancels what waited for it (retryable once the
 * account is back), refuses while it is publishing, and cannot lose a race with a post being scheduled to it.
 */
@QuarkusTest
class DisconnectTest {

    @InjectFakePlatforms
    WireMockServer fake;

    @Inject
    TargetClaims claims;

    @BeforeEach
    void isolate() throws Exception {
        fake.resetAll();
        Sql.cancelOpenTargets();
        fake.stubFor(post(urlPathEqualTo("/x/2/oauth2/revoke")).willReturn(okJson("{\"revoked\":true}")));
    }

    @Test
    void historyStaysWaitingTargetsAreCancelledAndComeBackWithTheReconnectedAccount() throws Exception {
        Account x = XPublishingTest.connectX(fake);
        String published = XPublishingTest.duePost(x, "out already " + UUID.randomUUID(), List.of());
        stubCreated("1900000000000000001");
        XPublishingTest.cycle();
        String waiting = scheduled(x, "still waiting " + UUID.randomUUID());

        as(x.user()).delete("/api/platforms/connected/" + x.connectionId()).then().statusCode(204);

        JsonPath done = XPublishingTest.postOf(x, published);
        assertThat(done.getString("status")).isEqualTo("published");
        assertThat(done.getString("targets[0].platform_post_id")).isEqualTo("1900000000000000001");
        assertThat(done.getString("targets[0].permalink")).contains("1900000000000000001");
        as(x.user()).get("/api/posts/" + published + "/targets/" + done.getString("targets[0].id") + "/attempts")
                .then().statusCode(200).body("items.size()", equalTo(1));
        JsonPath cancelled = XPublishingTest.postOf(x, waiting);
        assertThat(cancelled.getString("status")).isEqualTo("cancelled");
        assertThat(cancelled.getString("targets[0].status")).isEqualTo("cancelled");
        assertThat(cancelled.getString("targets[0].last_error.code")).isEqualTo("connection_removed");
        as(x.user()).get("/api/platforms/connected").then()
                .body("items.find { it.id == '" + x.connectionId() + "' }.status", equalTo("revoked"));
        try (Connection c = Sql.connect()) {
            assertThat(Sql.value(c, "select concat(access_token_ciphertext, refresh_token_ciphertext, token_key_id)"
                                    + " from user_platforms where id = ?", UUID.fromString(x.connectionId())))
                    .isEqualTo("");
        }
        String target = cancelled.getString("targets[0].id");
        problem(as(x.user()).post("/api/posts/" + waiting + "/targets/" + target + "/retry").then(), 409)
                .body("detail", containsString("connect it again"));
        String tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).toString();
        problem(as(x.user()).contentType(ContentType.JSON)
                        .body(Map.of("content", "new", "scheduled_at", tomorrow,
                                     "targets", List.of(Map.of("connection_id", x.connectionId()))))
                        .post("/api/posts").then(), 422)
                .body("errors[0].message", containsString("revoked"));
        as(x.user()).delete("/api/platforms/connected/" + x.connectionId()).then().statusCode(204);

        OAuthFlow.Started again = OAuthFlow.start(x.user(), "x");
        String code = OAuthFlow.newCode();
        PlatformStubs.xConnect(fake, code, x.xUserId(), "stride_user");
        OAuthFlow.callback("x", code, again.state()).then().statusCode(200)
                .body("id", equalTo(x.connectionId())).body("status", equalTo("active"));
        as(x.user()).post("/api/posts/" + waiting + "/targets/" + target + "/retry").then().statusCode(202)
                .body("status", equalTo("scheduled")).body("targets[0].status", equalTo("pending"));
    }

    @Test
    void aFailedTargetOfADisconnectedAccountCannotBeRetriedUntilItIsConnectedAgain() throws Exception {
        Account x = XPublishingTest.connectX(fake);
        String postId = XPublishingTest.duePost(x, "refused " + UUID.randomUUID(), List.of());
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"title\":\"Invalid Request\",\"detail\":\"text too long\",\"status\":400}")));
        XPublishingTest.cycle();
        String target = XPublishingTest.postOf(x, postId).getString("targets[0].id");
        assertThat(XPublishingTest.postOf(x, postId).getString("targets[0].status")).isEqualTo("failed");

        as(x.user()).delete("/api/platforms/connected/" + x.connectionId()).then().statusCode(204);
        problem(as(x.user()).post("/api/posts/" + postId + "/targets/" + target + "/retry").then(), 409)
                .body("detail", containsString("revoked"));
        assertThat(XPublishingTest.postOf(x, postId).getString("targets[0].status")).isEqualTo("failed");
    }

    @Test
    void aTargetPublishingRightNowMakesTheDisconnectWaitWith409() throws Exception {
        Account x = XPublishingTest.connectX(fake);
        String postId = XPublishingTest.duePost(x, "in flight " + UUID.randomUUID(), List.of());
        List<Claimed> claimed = claims.claim("disconnect-test", 10, Map.of("x", 10), Instant.now(),
                                             Duration.ofMinutes(5), 3);
        assertThat(claimed).extracting(Claimed::postId).contains(UUID.fromString(postId));

        problem(as(x.user()).delete("/api/platforms/connected/" + x.connectionId()).then(), 409)
                .body("detail", containsString("being published"));
        as(x.user()).get("/api/platforms/connected").then()
                .body("items.find { it.id == '" + x.connectionId() + "' }.status", equalTo("active"));
        assertThat(XPublishingTest.postOf(x, postId).getString("targets[0].status")).isEqualTo("publishing");
    }

    @Test
    void aPostScheduledWhileTheDisconnectIsUnderWayIsRefusedRatherThanLeftPendingOnARevokedAccount()
            throws Exception {
        Account x = XPublishingTest.connectX(fake);
        UUID connection = UUID.fromString(x.connectionId());
        try (Connection disconnecting = Sql.connect()) {
            disconnecting.setAutoCommit(false);
            Sql.value(disconnecting, "select id from user_platforms where id = ? for update", connection);
            CompletableFuture<Integer> scheduling = CompletableFuture.supplyAsync(Sql.withCallersClassLoader(
                    () -> as(x.user()).contentType(ContentType.JSON)
                            .body(Map.of("content", "racing",
                                         "scheduled_at", Instant.now().plus(1, ChronoUnit.DAYS).toString(),
                                         "targets", List.of(Map.of("connection_id", x.connectionId()))))
                            .post("/api/posts").statusCode()));
            Sql.awaitSomeoneBlockedBy(disconnecting); // the scheduling request waits on the connection row
            Sql.exec(disconnecting, "update user_platforms set status = 'revoked' where id = ?", connection);
            disconnecting.commit();
            assertThat(scheduling.get()).isEqualTo(422);
        }
        try (Connection c = Sql.connect()) {
            assertThat(((Number) Sql.value(c, "select count(*) from post_platforms where user_platform_id = ?",
                                           connection)).intValue()).isZero();
        }
    }

    private String scheduled(Account account, String text) {
        return as(account.user()).contentType(ContentType.JSON)
                .body(Map.of("content", text, "scheduled_at", Instant.now().plus(1, ChronoUnit.DAYS).toString(),
                             "targets", List.of(Map.of("connection_id", account.connectionId()))))
                .post("/api/posts").then().statusCode(201).extract().path("id");
    }

    private void stubCreated(String tweetId) {
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).willReturn(
                okJson("{\"data\":{\"id\":\"" + tweetId + "\",\"text\":\"t\"}}").withStatus(201)));
    }
}
