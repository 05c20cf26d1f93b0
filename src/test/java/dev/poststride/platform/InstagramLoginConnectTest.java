package dev.poststride.platform;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.poststride.support.Api.as;
import static dev.poststride.support.Api.problem;
import static dev.poststride.support.OAuthFlow.callback;
import static dev.poststride.support.OAuthFlow.callbackUri;
import static dev.poststride.support.OAuthFlow.formParams;
import static dev.poststride.support.OAuthFlow.newCode;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.poststride.support.Api;
import dev.poststride.support.FakePlatforms;
import dev.poststride.support.InjectFakePlatforms;
import dev.poststride.support.OAuthFlow;
import dev.poststride.support.PlatformStubs;
import dev.poststride.support.PlatformStubs.Tokens;
import dev.poststride.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Instagram's second connect flow, Instagram Login (professional accounts without a Facebook Page), against
 * WireMock fakes of {@code api.instagram.com} and {@code graph.instagram.com} (platform-apis.md §4.1).
 */
@QuarkusTest
class InstagramLoginConnectTest {

    @InjectFakePlatforms
    WireMockServer fake;

    @BeforeEach
    void resetFakes() {
        fake.resetAll();
    }

    @Test
    void theCatalogueListsInstagramsTwoConnectFlows() {
        JsonPath catalogue = given().get("/api/platforms").then().statusCode(200).extract().jsonPath();
        assertThat(catalogue.getList("items.find { it.key == 'instagram' }.connect_flows.flow"))
                .containsExactly("facebook_login", "instagram_login");
        assertThat(catalogue.getList("items.find { it.key == 'instagram' }.connect_flows.default"))
                .containsExactly(true, false);
        assertThat(catalogue.getList("items.find { it.key == 'instagram' }.connect_flows.connectable"))
                .containsExactly(true, true);
        assertThat(catalogue.getList("items.find { it.key == 'x' }.connect_flows")).isEmpty();
    }

    @Test
    void anAccountWithoutAPageConnectsThroughInstagramLoginWithASixtyDayToken() throws Exception {
        Api.Account user = Api.register();
        OAuthFlow.Started started = OAuthFlow.startFlow(user, "instagram", "instagram_login");
        assertThat(started.authorizationUrl()).contains("/instagram-login/oauth/authorize?");
        assertThat(started.params()).containsEntry("client_id", FakePlatforms.clientId("instagram-login"))
                .containsEntry("redirect_uri", callbackUri("instagram")).containsEntry("response_type", "code")
                .containsEntry("scope", PlatformStubs.INSTAGRAM_LOGIN_SCOPES)
                .doesNotContainKey("code_challenge");

        String code = newCode();
        Tokens token = PlatformStubs.instagramLogin(fake, code, "17841499999", "studio.pro");
        Instant before = Instant.now();
        var answer = callback("instagram", code, started.state());

        answer.then().statusCode(200).body("account_id", equalTo("17841499999"))
                .body("account_name", equalTo("studio.pro")).body("flow", equalTo("instagram_login"))
                .body("scopes", equalTo(PlatformStubs.INSTAGRAM_LOGIN_SCOPES));
        assertThat(Duration.between(before, Instant.parse(answer.jsonPath().getString("token_expires_at"))))
                .isBetween(Duration.ofDays(59), Duration.ofDays(61));
        Map<String, String> form = formParams(PlatformConnectTest.single(fake.findAll(
                postRequestedFor(urlPathEqualTo("/instagram-login/oauth/access_token")))).getBodyAsString());
        assertThat(form).containsEntry("client_id", FakePlatforms.clientId("instagram-login"))
                .containsEntry("client_secret", FakePlatforms.clientSecret("instagram-login"))
                .containsEntry("grant_type", "authorization_code").containsEntry("code", code)
                .containsEntry("redirect_uri", callbackUri("instagram"));
        // Facebook Login's endpoints are not involved.
        assertThat(fake.findAll(getRequestedFor(urlPathMatching("/instagram/.*")))).isEmpty();
        as(user).get("/api/platforms/connected").then().body("items[0].flow", equalTo("instagram_login"));
        PlatformConnectTest.assertNoPlaintextTokenStored(UUID.fromString(answer.jsonPath().getString("id")), token);
    }

    @Test
    void theTokenIsRenewedWithItselfAndARefusedRenewalNeedsTheUser() throws Exception {
        Api.Account user = Api.register();
        String id = connect(user, "17841400077");
        String renewed = FakePlatforms.SECRET_MARK + "ig-login-renewed-" + UUID.randomUUID();
        fake.stubFor(get(urlPathEqualTo("/instagram-login/refresh_access_token"))
                             .withQueryParam("grant_type", WireMock.equalTo("ig_refresh_token"))
                             .willReturn(okJson("{\"access_token\":\"" + renewed
                                                + "\",\"token_type\":\"bearer\",\"expires_in\":5184000}")));

        // Meta renews a token only once it is a day old: earlier, nothing is asked (a refusal would read as a dead
        // grant) and the token stays.
        as(user).post("/api/platforms/connected/" + id + "/refresh").then().statusCode(200)
                .body("status", equalTo("active"));
        fake.verify(0, getRequestedFor(urlPathEqualTo("/instagram-login/refresh_access_token")));

        tokenIssuedTwoDaysAgo(id);
        as(user).post("/api/platforms/connected/" + id + "/refresh").then().statusCode(200)
                .body("status", equalTo("active")).body("flow", equalTo("instagram_login"));

        fake.verify(1, getRequestedFor(urlPathEqualTo("/instagram-login/refresh_access_token")));
        PlatformConnectTest.assertNoPlaintextTokenStored(UUID.fromString(id), new Tokens(renewed, null));
        // An expired token cannot be renewed (Meta answers the Graph error 190): the user connects again.
        fake.stubFor(get(urlPathEqualTo("/instagram-login/refresh_access_token")).willReturn(aResponse()
                .withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Error validating access token: Session has expired\","
                          + "\"type\":\"OAuthException\",\"code\":190}}")));
        tokenIssuedTwoDaysAgo(id);
        as(user).post("/api/platforms/connected/" + id + "/refresh").then().statusCode(200)
                .body("status", equalTo("needs_reauth"));
        problem(as(user).post("/api/platforms/connected/" + id + "/refresh").then(), 409);
        assertThat(fake.findAll(getRequestedFor(urlPathEqualTo("/instagram-login/refresh_access_token"))).getLast()
                           .queryParameter("access_token").firstValue()).isEqualTo(renewed);
    }

    @Test
    void connectingTheSameAccountThroughFacebookLoginLaterSwitchesTheConnectionsFlow() throws Exception {
        Api.Account user = Api.register();
        String id = connect(user, "17841400088");

        OAuthFlow.Started started = OAuthFlow.start(user, "instagram");
        String code = newCode();
        PlatformStubs.metaLogin(fake, "instagram", code);
        fake.stubFor(get(urlPathEqualTo("/instagram/v25.0/me/accounts")).willReturn(okJson(
                "{\"data\":[{\"id\":\"1\",\"access_token\":\"page-token\","
                + "\"instagram_business_account\":{\"id\":\"17841400088\"}}]}")));
        fake.stubFor(get(urlPathEqualTo("/instagram/v25.0/17841400088")).willReturn(okJson("{\"username\":\"s\"}")));
        callback("instagram", code, started.state()).then().statusCode(200).body("id", equalTo(id))
                .body("flow", equalTo("facebook_login")).body("token_expires_at", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void aCodeInstagramRefusesIsAClear400AndNothingIsStored() {
        Api.Account user = Api.register();
        OAuthFlow.Started started = OAuthFlow.startFlow(user, "instagram", "instagram_login");
        fake.stubFor(post(urlPathEqualTo("/instagram-login/oauth/access_token")).willReturn(aResponse()
                .withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error_type\":\"OAuthException\",\"code\":400,"
                          + "\"error_message\":\"This authorization code has been used\"}")));

        problem(callback("instagram", newCode(), started.state()).then(), 400)
                .body("type", equalTo("https://poststride.dev/problems/platform-refused"))
                .body("detail", containsString("invalid_grant"));
        as(user).get("/api/platforms/connected").then().body("items", org.hamcrest.Matchers.hasSize(0));
        fake.verify(0, getRequestedFor(urlPathEqualTo("/instagram-login/access_token")));
    }

    @Test
    void aFlowIsCheckedAgainstThePlatform() {
        Api.Account user = Api.register();
        problem(as(user).contentType(ContentType.JSON).body(Map.of("platform", "x", "flow", "instagram_login"))
                        .post("/api/platforms/connect").then(), 422)
                .body("errors[0].field", equalTo("flow"));
        problem(as(user).contentType(ContentType.JSON).body(Map.of("platform", "instagram", "flow", "magic"))
                        .post("/api/platforms/connect").then(), 422)
                .body("errors[0].field", equalTo("flow"))
                .body("errors[0].message", containsString("facebook_login, instagram_login"));
    }

    @Test
    void disconnectingRevokesNothingAtThePlatformWhichHasNoRevokeEndpoint() throws Exception {
        Api.Account user = Api.register();
        String id = connect(user, "17841400099");
        fake.resetRequests();

        as(user).delete("/api/platforms/connected/" + id).then().statusCode(204);

        assertThat(fake.findAll(WireMock.anyRequestedFor(anyUrl()))).isEmpty();
        as(user).get("/api/platforms/connected").then().body("items[0].status", equalTo("revoked"));
    }

    private static void tokenIssuedTwoDaysAgo(String connectionId) throws Exception {
        try (Connection c = Sql.connect()) {
            Sql.exec(c, "update user_platforms set token_refreshed_at = ? where id = ?",
                     Timestamp.from(Instant.now().minus(Duration.ofDays(2))), UUID.fromString(connectionId));
        }
    }

    /** Connects the professional account {@code igUserId} through Instagram Login; the connection's id. */
    private String connect(Api.Account user, String igUserId) {
        OAuthFlow.Started started = OAuthFlow.startFlow(user, "instagram", "instagram_login");
        String code = newCode();
        PlatformStubs.instagramLogin(fake, code, igUserId, "pro");
        return callback("instagram", code, started.state()).then().statusCode(200).extract().path("id");
    }
}
