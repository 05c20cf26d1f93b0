package dev.poststride.platform;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.poststride.support.Api.as;
import static dev.poststride.support.Api.problem;
import static dev.poststride.support.FakePlatforms.SECRET_MARK;
import static dev.poststride.support.OAuthFlow.callback;
import static dev.poststride.support.OAuthFlow.callbackUri;
import static dev.poststride.support.OAuthFlow.formParams;
import static dev.poststride.support.OAuthFlow.newCode;
import static dev.poststride.support.OAuthFlow.queryParams;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.poststride.support.Api;
import dev.poststride.support.FakePlatforms;
import dev.poststride.support.InjectFakePlatforms;
import dev.poststride.support.OAuthFlow;
import dev.poststride.support.PlatformStubs;
import dev.poststride.support.PlatformStubs.Tokens;
import dev.poststride.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Connecting accounts on the five platforms through their OAuth flows, against WireMock fakes. */
@QuarkusTest
public class PlatformConnectTest {

    @InjectFakePlatforms
    WireMockServer fake;

    @BeforeEach
    void resetFakes() {
        fake.resetAll();
    }

    @Test
    void theCatalogueListsEveryPlatformWithItsLimits() {
        given().get("/api/platforms").then().statusCode(200)
                .body("items.key", org.hamcrest.Matchers.contains("x", "linkedin", "instagram", "facebook", "tiktok",
                                                                  "threads"))
                .body("items.find { it.key == 'x' }.text_limit", equalTo(280))
                .body("items.find { it.key == 'x' }.text_counting", equalTo("weighted"))
                .body("items.find { it.key == 'x' }.max_images", equalTo(4))
                .body("items.find { it.key == 'instagram' }.requires_media", equalTo(true))
                .body("items.find { it.key == 'instagram' }.image_mime_types", org.hamcrest.Matchers.contains("image/jpeg"))
                .body("items.find { it.key == 'linkedin' }.text_limit", equalTo(3000))
                .body("items.connectable", org.hamcrest.Matchers.everyItem(equalTo(true)));
    }

    @Test
    void xConnectsWithPkceAndBasicAuthAndStoresTheAccount() throws Exception {
        Api.Account user = Api.register();
        OAuthFlow.Started started = OAuthFlow.start(user, "x");
        assertThat(started.authorizationUrl()).startsWith(fake.baseUrl() + "/x/i/oauth2/authorize?");
        assertThat(started.params()).containsEntry("response_type", "code")
                .containsEntry("client_id", "x-client-id")
                .containsEntry("redirect_uri", callbackUri("x"))
                .containsEntry("scope", "tweet.read tweet.write users.read media.write offline.access")
                .containsEntry("state", started.state())
                .containsEntry("code_challenge_method", "S256")
                .containsKey("code_challenge");
        assertThat(started.authorizationUrl()).contains("scope=tweet.read%20tweet.write");
        assertThat(started.state()).hasSizeGreaterThanOrEqualTo(43);

        String code = newCode();
        Tokens tokens = PlatformStubs.xConnect(fake, code, "2244994945", "poststride_dev");
        Response answer = callback("x", code, started.state());
        answer.then().statusCode(200)
                .body("platform", equalTo("x"))
                .body("account_id", equalTo("2244994945"))
                .body("account_name", equalTo("poststride_dev"))
                .body("status", equalTo("active"))
                .body("scopes", equalTo(PlatformStubs.X_SCOPES))
                .body(not(containsString(SECRET_MARK)));
        assertThat(Instant.parse(answer.jsonPath().getString("token_expires_at")))
                .isBetween(Instant.now().plus(119, ChronoUnit.MINUTES), Instant.now().plus(121, ChronoUnit.MINUTES));

        LoggedRequest tokenRequest = single(fake.findAll(postRequestedFor(urlPathEqualTo("/x/2/oauth2/token"))));
        assertThat(tokenRequest.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(tokenRequest.getHeader("Authorization")).isEqualTo(basic("x-client-id", FakePlatforms.clientSecret("x")));
        Map<String, String> form = formParams(tokenRequest.getBodyAsString());
        assertThat(form).containsEntry("code", code).containsEntry("grant_type", "authorization_code")
                .containsEntry("redirect_uri", callbackUri("x")).doesNotContainKey("client_secret");
        assertThat(s256(form.get("code_verifier"))).isEqualTo(started.params().get("code_challenge"));
        fake.verify(getRequestedFor(urlPathEqualTo("/x/2/users/me"))
                            .withHeader("Authorization", WireMock.equalTo("Bearer " + tokens.access())));

        as(user).get("/api/platforms/connected").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", equalTo(answer.jsonPath().getString("id")))
                .body("items[0].platform", equalTo("x"))
                .body(not(containsString(SECRET_MARK)));
        assertNoPlaintextTokenStored(UUID.fromString(answer.jsonPath().getString("id")), tokens);
    }

    @Test
    void linkedInAlsoConnectsTheCompanyPagesTheMemberMayPostAs() throws Exception {
        Api.Account user = Api.register();
        OAuthFlow.Started started = OAuthFlow.start(user, "linkedin");
        String code = newCode();
        Tokens tokens = PlatformStubs.linkedInConnect(fake, code, "m-" + UUID.randomUUID(), false);
        fake.stubFor(WireMock.post(urlPathEqualTo("/linkedin/oauth/v2/accessToken"))
                             .withRequestBody(WireMock.containing("code=" + code))
                             .willReturn(okJson(PlatformStubs.tokenJson(tokens, 5_184_000,
                                     "openid,profile,w_member_social,w_organization_social,rw_organization_admin"))));
        fake.stubFor(get(urlPathEqualTo("/linkedin/rest/organizationAcls"))
                             .withQueryParam("q", WireMock.equalTo("roleAssignee"))
                             .withQueryParam("state", WireMock.equalTo("APPROVED"))
                             .withHeader("LinkedIn-Version", WireMock.equalTo("202606"))
                             .withHeader("Authorization", WireMock.equalTo("Bearer " + tokens.access()))
                             .willReturn(okJson("{\"elements\":[{\"organization\":\"urn:li:organization:111\","
                                                + "\"role\":\"ADMINISTRATOR\",\"state\":\"APPROVED\"},"
                                                + "{\"organization\":\"urn:li:organization:222\","
                                                + "\"role\":\"ANALYST\",\"state\":\"APPROVED\"}]}")));
        fake.stubFor(get(urlPathEqualTo("/linkedin/rest/organizations/111"))
                             .willReturn(okJson("{\"id\":111,\"localizedName\":\"Acme Bakery\"}")));

        OAuthFlow.callback("linkedin", code, started.state()).then().statusCode(200);

        // The member, and the one Page whose role may post (an analyst's is left out).
        as(user).get("/api/platforms/connected").then().statusCode(200)
                .body("items.findAll { it.platform == 'linkedin' }.account_id",
                      org.hamcrest.Matchers.containsInAnyOrder(org.hamcrest.Matchers.startsWith("m-"),
                                                               equalTo("urn:li:organization:111")))
                .body("items.find { it.account_id == 'urn:li:organization:111' }.account_name",
                      equalTo("Acme Bakery"));
    }

    @Test
    void linkedInSendsClientCredentialsInTheFormAndReadsTheMemberFromUserinfo() throws Exception {
        Api.Account user = Api.register();
        OAuthFlow.Started started = OAuthFlow.start(user, "linkedin");
        assertThat(started.params()).containsEntry("response_type", "code")
                .containsEntry("client_id", "linkedin-client-id")
                .containsEntry("redirect_uri", callbackUri("linkedin"))
                // The test configuration turns Company Pages on (platforms.linkedin.organizations).
                .containsEntry("scope", "openid profile w_member_social w_organization_social rw_organization_admin")
                .containsEntry("state", started.state())
                .doesNotContainKey("code_challenge");

        String code = newCode();
        Tokens tokens = PlatformStubs.linkedInConnect(fake, code, "782bbtaQ", true);
        Response answer = callback("linkedin", code, started.state());
        answer.then().statusCode(200).body("account_id", equalTo("782bbtaQ")).body("account_name", equalTo("Lin Kedin"));

        Map<String, String> form = formParams(single(fake.findAll(
                postRequestedFor(urlPathEqualTo("/linkedin/oauth/v2/accessToken")))).getBodyAsString());
        assertThat(form).containsOnly(Map.entry("grant_type", "authorization_code"), Map.entry("code", code),
                                      Map.entry("redirect_uri", callbackUri("linkedin")),
                                      Map.entry("client_id", "linkedin-client-id"),
                                      Map.entry("client_secret", FakePlatforms.clientSecret("linkedin")));
        assertNoPlaintextTokenStored(UUID.fromString(answer.jsonPath().getString("id")), tokens);
    }

    @Test
    void tikTokUsesClientKeyAndStoresTheOpenId() throws Exception {
        Api.Account user = Api.register();
        OAuthFlow.Started started = OAuthFlow.start(user, "tiktok");
        assertThat(started.params()).containsEntry("client_key", "tiktok-client-id")
                .containsEntry("scope", "user.info.basic,video.publish,video.upload")
                .containsEntry("response_type", "code")
                .containsEntry("redirect_uri", callbackUri("tiktok"))
                .containsEntry("state", started.state())
                .doesNotContainKey("client_id");

        String code = newCode();
        Tokens tokens = PlatformStubs.tikTokConnect(fake, code, "open-" + UUID.randomUUID());
        Response answer = callback("tiktok", code, started.state());
        answer.then().statusCode(200).body("platform", equalTo("tiktok"))
                .body("account_id", org.hamcrest.Matchers.startsWith("open-"))
                .body("account_name", equalTo("Tik Toker"));

        Map<String, String> form = formParams(single(fake.findAll(
                postRequestedFor(urlPathEqualTo("/tiktok/v2/oauth/token/")))).getBodyAsString());
        assertThat(form).containsOnly(Map.entry("code", code), Map.entry("grant_type", "authorization_code"),
                                      Map.entry("redirect_uri", callbackUri("tiktok")),
                                      Map.entry("client_key", "tiktok-client-id"),
                                      Map.entry("client_secret", FakePlatforms.clientSecret("tiktok")));
        assertNoPlaintextTokenStored(UUID.fromString(answer.jsonPath().getString("id")), tokens);
    }

    @Test
    void facebookExchangesForALongLivedTokenAndConnectsEachPageItCanPostTo() throws Exception {
        Api.Account user = Api.register();
        OAuthFlow.Started started = OAuthFlow.start(user, "facebook");
        assertThat(started.params()).containsEntry("client_id", "facebook-client-id")
                .containsEntry("scope", "pages_show_list,pages_read_engagement,pages_manage_posts,publish_video,"
                                       + "pages_manage_engagement")
                .containsEntry("response_type", "code")
                .containsEntry("redirect_uri", callbackUri("facebook"));

        String code = newCode();
        Tokens userToken = PlatformStubs.metaLogin(fake, "facebook", code);
        String pageToken = SECRET_MARK + "page-" + UUID.randomUUID();
        fake.stubFor(get(urlPathEqualTo("/facebook/v25.0/me/accounts"))
                             .withHeader("Authorization", WireMock.equalTo("Bearer " + userToken.access()))
                             .willReturn(okJson("{\"data\":[{\"id\":\"1001\",\"name\":\"Bakery\",\"access_token\":\""
                                                + pageToken + "\",\"tasks\":[\"ANALYZE\",\"CREATE_CONTENT\"]},"
                                                + "{\"id\":\"1002\",\"name\":\"Read only\",\"access_token\":\"" + SECRET_MARK
                                                + "ro\",\"tasks\":[\"ANALYZE\"]}]}")));

        Response answer = callback("facebook", code, started.state());
        answer.then().statusCode(200).body("account_id", equalTo("1001")).body("account_name", equalTo("Bakery"))
                .body("token_expires_at", nullValue());

        List<LoggedRequest> tokenCalls = fake.findAll(getRequestedFor(urlPathEqualTo("/facebook/v25.0/oauth/access_token")));
        assertThat(tokenCalls).hasSize(2);
        assertThat(queryParams(tokenCalls.get(0).getUrl())).containsOnly(
                Map.entry("client_id", "facebook-client-id"), Map.entry("redirect_uri", callbackUri("facebook")),
                Map.entry("client_secret", FakePlatforms.clientSecret("facebook")), Map.entry("code", code));
        assertThat(queryParams(tokenCalls.get(1).getUrl())).containsEntry("grant_type", "fb_exchange_token")
                .containsEntry("client_id", "facebook-client-id").containsKey("fb_exchange_token");
        as(user).get("/api/platforms/connected").then().body("items.account_id", org.hamcrest.Matchers.contains("1001"));
        assertNoPlaintextTokenStored(UUID.fromString(answer.jsonPath().getString("id")), new Tokens(pageToken, null));
    }

    @Test
    void instagramFindsTheBusinessAccountThroughThePage() throws Exception {
        Api.Account user = Api.register();
        OAuthFlow.Started started = OAuthFlow.start(user, "instagram");
        assertThat(started.params().get("scope")).contains("instagram_basic").contains("instagram_content_publish");

        String code = newCode();
        Tokens userToken = PlatformStubs.metaLogin(fake, "instagram", code);
        String pageToken = FakePlatforms.SECRET_MARK + "ig-page-" + UUID.randomUUID();
        fake.stubFor(get(urlPathEqualTo("/instagram/v25.0/me/accounts"))
                             .withHeader("Authorization", WireMock.equalTo("Bearer " + userToken.access()))
                             .willReturn(okJson("{\"data\":[{\"id\":\"2001\",\"name\":\"No IG\",\"access_token\":\"p1\"},"
                                                + "{\"id\":\"2002\",\"name\":\"Shop\",\"access_token\":\"" + pageToken
                                                + "\",\"instagram_business_account\":{\"id\":\"17841400000\"}}]}")));
        fake.stubFor(get(urlPathEqualTo("/instagram/v25.0/17841400000"))
                             .withHeader("Authorization", WireMock.equalTo("Bearer " + userToken.access()))
                             .willReturn(okJson("{\"id\":\"17841400000\",\"username\":\"shop.gram\"}")));

        Response answer = callback("instagram", code, started.state());
        answer.then().statusCode(200).body("account_id", equalTo("17841400000"))
                .body("account_name", equalTo("shop.gram"));
        // The linked Page's token, which does not expire (Meta documents no renewal of a long-lived user token).
        assertThat(answer.jsonPath().getString("token_expires_at")).isNull();
        assertNoPlaintextTokenStored(UUID.fromString(answer.jsonPath().getString("id")), new Tokens(pageToken, null));
        assertNoPlaintextTokenStored(UUID.fromString(answer.jsonPath().getString("id")), userToken);
    }

    @Test
    void connectingTheSameAccountAgainUpdatesItInsteadOfDuplicating() throws Exception {
        Api.Account user = Api.register();
        String first = connectX(fake, user, "42", "before");
        String firstCipher;
        try (Connection c = Sql.connect()) {
            firstCipher = (String) Sql.value(c, "select access_token_ciphertext from user_platforms where id = ?",
                                              UUID.fromString(first));
        }
        String second = connectX(fake, user, "42", "after");

        assertThat(second).isEqualTo(first);
        as(user).get("/api/platforms/connected").then()
                .body("items", hasSize(1))
                .body("items[0].account_name", equalTo("after"));
        try (Connection c = Sql.connect()) {
            assertThat(Sql.value(c, "select access_token_ciphertext from user_platforms where id = ?",
                                 UUID.fromString(first))).isNotEqualTo(firstCipher);
        }
    }

    @Test
    void aStateWorksOnce() {
        Api.Account user = Api.register();
        OAuthFlow.Started started = OAuthFlow.start(user, "x");
        String code = newCode();
        PlatformStubs.xConnect(fake, code, "7", "once");
        callback("x", code, started.state()).then().statusCode(200);

        problem(callback("x", code, started.state()).then(), 400)
                .body("detail", containsString("already used"));
        fake.verify(1, postRequestedFor(urlPathEqualTo("/x/2/oauth2/token")));
    }

    @Test
    void unknownMissingExpiredAndWrongPlatformStatesAre400() throws Exception {
        Api.Account user = Api.register();
        problem(callback("x", newCode(), "made-up-state").then(), 400);
        problem(given().queryParam("code", "c").get("/api/platforms/x/callback").then(), 400);

        OAuthFlow.Started expired = OAuthFlow.start(user, "x");
        try (Connection c = Sql.connect()) {
            Sql.exec(c, "update oauth_states set expires_at = now() - interval '1 second' where user_id = ?",
                     UUID.fromString(user.userId()));
        }
        problem(callback("x", newCode(), expired.state()).then(), 400).body("detail", containsString("expired"));

        OAuthFlow.Started forLinkedIn = OAuthFlow.start(user, "linkedin");
        problem(callback("x", newCode(), forLinkedIn.state()).then(), 400);
        fake.verify(0, postRequestedFor(urlPathEqualTo("/x/2/oauth2/token")));
    }

    @Test
    void theOwnersBearerTokenOnTheCallbackIsAccepted() {
        Api.Account user = Api.register();
        OAuthFlow.Started started = OAuthFlow.start(user, "x");
        String code = newCode();
        PlatformStubs.xConnect(fake, code, "10", "with_token");
        as(user).queryParam("code", code).queryParam("state", started.state())
                .get("/api/platforms/x/callback").then().statusCode(200).body("account_id", equalTo("10"));
    }

    @Test
    void aRejectedCodeIsAClear400AndAPlatformOutageA502() {
        Api.Account user = Api.register();
        OAuthFlow.Started started = OAuthFlow.start(user, "tiktok");
        fake.stubFor(post(urlPathEqualTo("/tiktok/v2/oauth/token/")).willReturn(okJson(
                "{\"error\":\"invalid_grant\",\"error_description\":\"Authorization code is expired.\",\"log_id\":\"1\"}")));
        problem(callback("tiktok", newCode(), started.state()).then(), 400)
                .body("type", equalTo("https://poststride.dev/problems/platform-refused"))
                .body("detail", containsString("invalid_grant"));

        OAuthFlow.Started again = OAuthFlow.start(user, "linkedin");
        fake.stubFor(post(urlPathEqualTo("/linkedin/oauth/v2/accessToken"))
                             .willReturn(aResponse().withStatus(503).withBody("upstream down")));
        problem(callback("linkedin", newCode(), again.state()).then(), 502)
                .body("type", equalTo("https://poststride.dev/problems/platform-unavailable"));

        OAuthFlow.Started slow = OAuthFlow.start(user, "x");
        fake.stubFor(post(urlPathEqualTo("/x/2/oauth2/token"))
                             .willReturn(okJson("{}").withFixedDelay(4000)));
        problem(callback("x", newCode(), slow.state()).then(), 502);
        as(user).get("/api/platforms/connected").then().body("items", hasSize(0));
    }

    @Test
    void anotherUserCannotBurnAPendingStateAndLearnsNothingAboutIt() {
        Api.Account owner = Api.register();
        Api.Account stranger = Api.register();
        OAuthFlow.Started started = OAuthFlow.start(owner, "x");
        String unknown = problem(as(stranger).redirects().follow(false).queryParam("code", newCode())
                                         .queryParam("state", "no-such-state").get("/api/platforms/x/callback").then(),
                                 400).extract().path("detail");

        problem(as(stranger).redirects().follow(false).queryParam("code", newCode())
                        .queryParam("state", started.state()).get("/api/platforms/x/callback").then(), 400)
                .body("detail", equalTo(unknown));

        String code = newCode();
        PlatformStubs.xConnect(fake, code, "12", "still_mine");
        callback("x", code, started.state()).then().statusCode(200);
        as(owner).get("/api/platforms/connected").then().body("items", hasSize(1));
        as(stranger).get("/api/platforms/connected").then().body("items", hasSize(0));
    }

    @Test
    void aVictimSentTheAttackersAuthorizationUrlAttachesNothingToTheAttacker() {
        Api.Account attacker = Api.register();
        OAuthFlow.Started started = OAuthFlow.start(attacker, "x");
        assertThat(started.browserBinding().isHttpOnly()).isTrue();
        assertThat(started.browserBinding().getSameSite()).isEqualToIgnoringCase("Lax");
        assertThat(started.browserBinding().getPath()).isEqualTo("/api/platforms");
        assertThat(started.browserBinding().getValue()).doesNotContain(started.state());
        String code = newCode();
        PlatformStubs.xConnect(fake, code, "66", "victim");

        problem(OAuthFlow.callbackInAnotherBrowser("x", code, started.state()).then(), 400)
                .body("detail", containsString("started in another browser"));
        fake.verify(0, postRequestedFor(urlPathEqualTo("/x/2/oauth2/token")));
        as(attacker).get("/api/platforms/connected").then().body("items", hasSize(0));
        Api.Account victim = Api.register();
        problem(as(victim).redirects().follow(false).queryParam("code", code).queryParam("state", started.state())
                        .get("/api/platforms/x/callback").then(), 400);

        // The browser that started it still can, once: the refusals did not burn the flow.
        callback("x", code, started.state()).then().statusCode(200)
                .header("Set-Cookie", containsString(started.browserBinding().getName() + "=;"));
        problem(callback("x", code, started.state()).then(), 400);
    }

    @Test
    void deniedConsentEndsAsAClearErrorOrARedirectSayingSo() {
        Api.Account user = Api.register();
        OAuthFlow.Started started = OAuthFlow.start(user, "linkedin");
        problem(OAuthFlow.browser(started.state()).queryParam("error", "user_cancelled_authorize")
                        .queryParam("state", started.state())
                        .get("/api/platforms/linkedin/callback").then(), 400)
                .body("detail", containsString("user_cancelled_authorize"));

        OAuthFlow.Started withRedirect = OAuthFlow.start(user, "facebook", FakePlatforms.ALLOWED_REDIRECT);
        String location = OAuthFlow.browser(withRedirect.state()).queryParam("error", "access_denied")
                .queryParam("state", withRedirect.state())
                .get("/api/platforms/facebook/callback").then().statusCode(302).extract().header("Location");
        assertThat(location).startsWith(FakePlatforms.ALLOWED_REDIRECT);
        assertThat(queryParams(location)).containsEntry("status", "error").containsEntry("error", "access_denied");
    }

    @Test
    void theCallbackRedirectsToTheAllowedFrontEndWithTheConnectionId() {
        Api.Account user = Api.register();
        OAuthFlow.Started started = OAuthFlow.start(user, "x", FakePlatforms.ALLOWED_REDIRECT + "?tab=accounts");
        String code = newCode();
        PlatformStubs.xConnect(fake, code, "11", "redirected");
        String location = callback("x", code, started.state()).then().statusCode(302).extract().header("Location");

        Map<String, String> params = queryParams(location);
        assertThat(location).startsWith(FakePlatforms.ALLOWED_REDIRECT + "?");
        assertThat(params).containsEntry("tab", "accounts").containsEntry("status", "connected");
        as(user).get("/api/platforms/connected").then().body("items[0].id", equalTo(params.get("connection_id")));
        assertThat(location).doesNotContain(SECRET_MARK);
    }

    @Test
    void connectRefusesUnknownPlatformsForeignRedirectsAndAnonymousCallers() {
        Api.Account user = Api.register();
        problem(as(user).contentType(ContentType.JSON).body(Map.of("platform", "myspace"))
                        .post("/api/platforms/connect").then(), 422)
                .body("errors[0].field", equalTo("platform"));
        for (String foreign : List.of("https://evil.example.com/connected", "https://app.example.com.evil.io/connected",
                                      "https://app.example.com/elsewhere", "https://app.example.com/connectedevil",
                                      "javascript:alert(1)")) {
            problem(as(user).contentType(ContentType.JSON).body(Map.of("platform", "x", "redirect_uri", foreign))
                            .post("/api/platforms/connect").then(), 422)
                    .body("errors[0].field", equalTo("redirect_uri"));
        }
        problem(given().contentType(ContentType.JSON).body(Map.of("platform", "x"))
                        .post("/api/platforms/connect").then(), 401);
        problem(given().get("/api/platforms/connected").then(), 401);
        problem(given().get("/api/platforms/myspace/callback?code=a&state=b").then(), 404);
    }

    @Test
    void anotherUsersConnectionIs404AndStaysUntouched() {
        Api.Account owner = Api.register();
        Api.Account other = Api.register();
        String id = connectX(fake, owner, "12", "mine");

        problem(as(other).delete("/api/platforms/connected/" + id).then(), 404);
        problem(as(other).post("/api/platforms/connected/" + id + "/refresh").then(), 404);
        as(other).get("/api/platforms/connected").then().body("items", hasSize(0));
        as(owner).get("/api/platforms/connected").then().body("items[0].id", equalTo(id));
        problem(as(owner).delete("/api/platforms/connected/" + UUID.randomUUID()).then(), 404);
    }

    @Test
    void disconnectingRevokesAtThePlatformAndHereEvenIfThePlatformRevokeFails() {
        Api.Account user = Api.register();
        String code = newCode();
        OAuthFlow.Started started = OAuthFlow.start(user, "x");
        Tokens tokens = PlatformStubs.xConnect(fake, code, "13", "leaving");
        String id = callback("x", code, started.state()).then().statusCode(200).extract().path("id");
        fake.stubFor(post(urlPathEqualTo("/x/2/oauth2/revoke")).willReturn(okJson("{\"revoked\":true}")));

        as(user).delete("/api/platforms/connected/" + id).then().statusCode(204);
        Map<String, String> form = formParams(single(fake.findAll(
                postRequestedFor(urlPathEqualTo("/x/2/oauth2/revoke")))).getBodyAsString());
        assertThat(form).containsEntry("token", tokens.access()).containsEntry("token_type_hint", "access_token");
        as(user).get("/api/platforms/connected").then().body("items", hasSize(1))
                .body("items[0].status", equalTo("revoked")).body("items[0].token_expires_at", nullValue());

        String second = connectX(fake, user, "14", "leaving-too");
        fake.stubFor(post(urlPathEqualTo("/x/2/oauth2/revoke")).willReturn(aResponse().withStatus(500)));
        as(user).delete("/api/platforms/connected/" + second).then().statusCode(204);
        as(user).get("/api/platforms/connected").then().body("items", hasSize(2))
                .body("items.status", everyItem(equalTo("revoked")));
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /** Connects an X account and answers the connection id. */
    static String connectX(WireMockServer fake, Api.Account user, String accountId, String username) {
        OAuthFlow.Started started = OAuthFlow.start(user, "x");
        String code = newCode();
        PlatformStubs.xConnect(fake, code, accountId, username);
        return callback("x", code, started.state()).then().statusCode(200).extract().path("id");
    }

    /** The raw columns hold ciphertext under the vault's key id, never a token or its base64. */
    public static void assertNoPlaintextTokenStored(UUID connectionId, Tokens tokens) throws Exception {
        try (Connection c = Sql.connect()) {
            String row = String.valueOf(Sql.value(c, "select concat_ws('|', access_token_ciphertext,"
                    + " refresh_token_ciphertext, token_key_id, scopes, account_name) from user_platforms where id = ?",
                                                 connectionId));
            assertThat(row).startsWith("test:").doesNotContain(SECRET_MARK);
            for (String token : new String[] {tokens.access(), tokens.refresh()}) {
                if (token != null) {
                    assertThat(row).doesNotContain(token)
                            .doesNotContain(Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
                }
            }
            Object states = Sql.value(c, "select count(*) from oauth_states where code_verifier_ciphertext like ?",
                                      "%" + SECRET_MARK + "%");
            assertThat(((Number) states).intValue()).isZero();
        }
    }

    static LoggedRequest single(List<LoggedRequest> requests) {
        assertThat(requests).hasSize(1);
        return requests.getFirst();
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    static String s256(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }
}
