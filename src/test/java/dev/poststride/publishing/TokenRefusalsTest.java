package dev.poststride.publishing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.poststride.publishing.MetaAndTikTokPublishingTest.PUBLIC;
import static dev.poststride.publishing.MetaAndTikTokPublishingTest.envelope;
import static dev.poststride.publishing.XPublishingTest.cycle;
import static dev.poststride.publishing.XPublishingTest.duePost;
import static dev.poststride.publishing.XPublishingTest.postOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.poststride.support.Api;
import dev.poststride.support.InjectFakePlatforms;
import dev.poststride.support.OAuthFlow;
import dev.poststride.support.PlatformStubs;
import dev.poststride.support.PlatformStubs.Tokens;
import dev.poststride.support.Sql;
import dev.poststride.support.TestFiles;
import dev.poststride.support.TimeTravel;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When a platform refusing an access token disables a connection (issue 24): only on a definitive signal, which each
 * platform has — the token endpoint refusing the grant where the token can be renewed (X, LinkedIn with a refresh
 * token, TikTok, Instagram Login), an identity call refused too where it cannot (Facebook and Instagram Page tokens,
 * LinkedIn without a refresh token). Each signal has its test here with its twin, where the same refusal meets a
 * live grant and the target is only retried. A refusal of a token the platform has accepted since it was stored is a
 * blip the first time. And a send whose outcome was unknown never ends "not published" when the grant is lost after.
 */
@QuarkusTest
class TokenRefusalsTest {

    @InjectFakePlatforms
    WireMockServer fake;

    @BeforeEach
    void isolate() throws Exception {
        fake.resetAll();
        Sql.cancelOpenTargets();
    }

    // ---- a token the platform has accepted ----------------------------------------------------------------------------

    @Test
    void aRefusalOfATokenThePlatformAcceptedIsRetriedWithoutARefreshAndTheNextAttemptPublishes() throws Exception {
        XPublishingTest.Account x = XPublishingTest.connectX(fake);
        String first = duePost(x, "Accepted " + UUID.randomUUID(), List.of());
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).inScenario("x").whenScenarioStateIs(Scenario.STARTED)
                             .willReturn(created("1")));
        assertThat(cycle().getInt("published")).isEqualTo(1);
        assertThat(acceptedAt(x)).as("token_accepted_at after a post went out").isNotNull();

        String second = duePost(x, "Refused once " + UUID.randomUUID(), List.of());
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).inScenario("x").whenScenarioStateIs(Scenario.STARTED)
                             .willReturn(aResponse().withStatus(401)).willSetStateTo("blip over"));
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).inScenario("x").whenScenarioStateIs("blip over")
                             .willReturn(created("2")));
        cycle();

        JsonPath afterBlip = postOf(x, second);
        assertThat(afterBlip.getString("targets[0].status")).isEqualTo("pending");
        assertThat(afterBlip.getString("targets[0].last_error.code")).isEqualTo("token_refused");
        assertThat(afterBlip.getString("targets[0].last_error.message")).contains("accepted");
        assertThat(connectionStatus(x)).isEqualTo("active");
        fake.verify(0, postRequestedFor(urlPathEqualTo("/x/2/oauth2/token"))
                .withRequestBody(containing("grant_type=refresh_token")));

        TimeTravel.makeDue(second); // past its backoff
        cycle();
        assertThat(postOf(x, second).getString("targets[0].status")).isEqualTo("published");
        assertThat(postOf(x, first).getString("targets[0].platform_post_id")).isEqualTo("1");
    }

    @Test
    void aSecondRefusalInARowOfAnAcceptedTokenGoesToTheTokenEndpointWhoseRefusalIsDefinitive() throws Exception {
        XPublishingTest.Account x = XPublishingTest.connectX(fake);
        duePost(x, "Accepted " + UUID.randomUUID(), List.of());
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).inScenario("x").whenScenarioStateIs(Scenario.STARTED)
                             .willReturn(created("3")).willSetStateTo("revoked"));
        cycle();
        String postId = duePost(x, "Revoked meanwhile " + UUID.randomUUID(), List.of());
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).inScenario("x").whenScenarioStateIs("revoked")
                             .willReturn(aResponse().withStatus(401)));
        PlatformStubs.xRefreshRejected(fake, x.tokens().refresh(), "invalid_request");

        cycle();
        assertThat(postOf(x, postId).getString("targets[0].status")).isEqualTo("pending");
        assertThat(connectionStatus(x)).isEqualTo("active");

        TimeTravel.makeDue(postId); // past its backoff
        cycle();
        JsonPath post = postOf(x, postId);
        assertThat(post.getString("targets[0].status")).isEqualTo("failed");
        assertThat(post.getString("targets[0].last_error.code")).isEqualTo("auth_revoked");
        assertThat(connectionStatus(x)).isEqualTo("needs_reauth");
        fake.verify(1, postRequestedFor(urlPathEqualTo("/x/2/oauth2/token"))
                .withRequestBody(containing("grant_type=refresh_token")));
    }

    // ---- LinkedIn without a refresh token: the identity call decides ------------------------------------------------

    @Test
    void linkedInWithoutARefreshTokenIsDisabledWhenUserinfoRefusesTheRevokedTokenToo() throws Exception {
        XPublishingTest.Account member = linkedInWithoutRefreshToken();
        String postId = duePost(member, "Revoked " + UUID.randomUUID(), List.of());
        fake.stubFor(post(urlPathEqualTo("/linkedin/rest/posts")).willReturn(linkedInRevoked()));
        PlatformStubs.linkedInUserinfoRefused(fake, member.tokens().access());

        cycle(); // refused, also for the account check: once is not yet the end
        assertRetriedAndActive(member, postId);
        assertThat(postOf(member, postId).getString("targets[0].last_error.message")).contains("checked once more");

        TimeTravel.makeDue(postId);
        cycle(); // the same on the next attempt, with no acceptance between: definitive

        assertFailedAndDisabled(member, postId);
        fake.verify(3, getRequestedFor(urlPathEqualTo("/linkedin/v2/userinfo"))); // at connect, then the checks
    }

    @Test
    void linkedInWithoutARefreshTokenStaysConnectedWhileUserinfoStillAcceptsTheToken() throws Exception {
        XPublishingTest.Account member = linkedInWithoutRefreshToken(); // its userinfo stub answers the token
        String postId = duePost(member, "Refused, alive " + UUID.randomUUID(), List.of());
        fake.stubFor(post(urlPathEqualTo("/linkedin/rest/posts")).willReturn(linkedInRevoked()));

        cycle();

        assertRetriedAndActive(member, postId);
        assertThat(acceptedAt(member)).as("the identity call's answer counts as acceptance").isNotNull();
    }

    // ---- Facebook and Instagram Page tokens (never renewed): GET /me decides ----------------------------------------

    @Test
    void facebookIsDisabledWhenMeRefusesThePageTokenToo() throws Exception {
        String pageToken = "page-" + UUID.randomUUID();
        XPublishingTest.Account page = MetaAndTikTokPublishingTest.facebookPage(fake, "2001", pageToken);
        String postId = duePost(page, "Dead page token " + UUID.randomUUID(), List.of());
        fake.stubFor(post(urlPathEqualTo("/facebook/v25.0/2001/feed")).willReturn(graphDeadToken()));
        PlatformStubs.graphMe(fake, "facebook", pageToken, false);

        cycle();
        assertRetriedAndActive(page, postId);
        TimeTravel.makeDue(postId);
        cycle();

        assertFailedAndDisabled(page, postId);
    }

    @Test
    void facebookStaysConnectedWhenMeAcceptsThePageToken() throws Exception {
        String pageToken = "page-" + UUID.randomUUID();
        XPublishingTest.Account page = MetaAndTikTokPublishingTest.facebookPage(fake, "2002", pageToken);
        String postId = duePost(page, "Blip " + UUID.randomUUID(), List.of());
        fake.stubFor(post(urlPathEqualTo("/facebook/v25.0/2002/feed")).willReturn(graphDeadToken()));
        PlatformStubs.graphMe(fake, "facebook", pageToken, true);

        cycle();

        assertRetriedAndActive(page, postId);
    }

    @Test
    void instagramIsDisabledWhenMeRefusesThePageTokenTooAndStaysConnectedWhenItAccepts() throws Exception {
        XPublishingTest.Account dead = MetaAndTikTokPublishingTest.instagramAccount(fake, "17841400009001");
        XPublishingTest.Account alive = MetaAndTikTokPublishingTest.instagramAccount(fake, "17841400009002");
        String deadPost = duePost(dead, "Dead " + UUID.randomUUID(),
                                  List.of(XPublishingTest.MediaUpload.of(dead.user(), TestFiles.jpeg(40, 40), "a.jpg")));
        String alivePost = duePost(alive, "Alive " + UUID.randomUUID(),
                                   List.of(XPublishingTest.MediaUpload.of(alive.user(), TestFiles.jpeg(41, 40), "b.jpg")));
        for (String ig : List.of("17841400009001", "17841400009002")) {
            fake.stubFor(post(urlPathEqualTo("/instagram/v25.0/" + ig + "/media")).willReturn(graphDeadToken()));
        }
        PlatformStubs.graphMe(fake, "instagram", dead.tokens().access(), false);
        PlatformStubs.graphMe(fake, "instagram", alive.tokens().access(), true);

        cycle();
        assertRetriedAndActive(dead, deadPost);
        TimeTravel.makeDue(deadPost);
        TimeTravel.makeDue(alivePost);
        cycle();

        assertFailedAndDisabled(dead, deadPost);
        assertRetriedAndActive(alive, alivePost);
    }

    // ---- Instagram Login: renewed once a day old, the identity call decides before ----------------------------------

    @Test
    void instagramLoginIsCheckedByMeInItsFirstDayAndByItsTokenRefreshAfter() throws Exception {
        Api.Account user = Api.register();
        OAuthFlow.Started started = OAuthFlow.startFlow(user, "instagram", "instagram_login");
        String code = OAuthFlow.newCode();
        Tokens token = PlatformStubs.instagramLogin(fake, code, "17841400009003", "pro.shop"); // its /me answers
        String id = OAuthFlow.callback("instagram", code, started.state()).then().statusCode(200).extract().path("id");
        XPublishingTest.Account ig = new XPublishingTest.Account(user, id, "17841400009003", token);
        String host = "/instagram-login/v25.0";
        fake.stubFor(get(urlPathEqualTo(host + "/17841400009003/content_publishing_limit")).willReturn(graphDeadToken()));
        fake.stubFor(post(urlPathEqualTo(host + "/17841400009003/media")).willReturn(graphDeadToken()));
        String postId = duePost(ig, "Young token " + UUID.randomUUID(),
                                List.of(XPublishingTest.MediaUpload.of(user, TestFiles.jpeg(42, 40), "c.jpg")));

        cycle(); // too young to renew: /me with the same token answers, so it is retried
        assertRetriedAndActive(ig, postId);

        // Two days on, the token is old enough to renew; Meta refuses the renewal: definitive. Time is moved in the
        // database (the token's age, the target's backoff), so the native binary runs this too (TokenRefusalsIT).
        try (Connection c = Sql.connect()) {
            Sql.exec(c, "update user_platforms set token_refreshed_at = token_refreshed_at - interval '2 days',"
                        + " connected_at = connected_at - interval '2 days' where id = ?", UUID.fromString(id));
        }
        TimeTravel.makeDue(postId);
        fake.stubFor(get(urlPathEqualTo("/instagram-login/refresh_access_token"))
                             .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                                                 .withBody(PlatformStubs.GRAPH_DEAD_TOKEN)));
        cycle();
        assertFailedAndDisabled(ig, postId);
    }

    // ---- Threads: renewed once a day old, the identity call decides before ------------------------------------------

    @Test
    void threadsIsCheckedByMeInItsFirstDayAndByItsTokenRefreshAfter() throws Exception {
        XPublishingTest.Account profile = ThreadsPublishingTest.threadsProfile(fake, "24009001"); // its /me answers
        String host = ThreadsPublishingTest.API;
        fake.stubFor(get(urlPathEqualTo(host + "/24009001/threads_publishing_limit")).willReturn(graphDeadToken()));
        fake.stubFor(post(urlPathEqualTo(host + "/24009001/threads")).willReturn(graphDeadToken()));
        String postId = duePost(profile, "Young token " + UUID.randomUUID(), List.of());

        cycle(); // too young to renew: /me with the same token answers, so it is retried
        assertRetriedAndActive(profile, postId);

        // Two days on, the token is old enough to renew; Threads refuses the renewal: definitive.
        try (Connection c = Sql.connect()) {
            Sql.exec(c, "update user_platforms set token_refreshed_at = token_refreshed_at - interval '2 days',"
                        + " connected_at = connected_at - interval '2 days' where id = ?",
                     UUID.fromString(profile.connectionId()));
        }
        TimeTravel.makeDue(postId);
        fake.stubFor(get(urlPathEqualTo("/threads/refresh_access_token"))
                             .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                                                 .withBody(PlatformStubs.GRAPH_DEAD_TOKEN)));
        cycle();
        assertFailedAndDisabled(profile, postId);
    }

    // ---- TikTok: the token endpoint decides --------------------------------------------------------------------------

    @Test
    void tikTokIsDisabledWhenItsTokenEndpointRefusesTheRefreshAndRetriedWhenTheRefreshWorks() throws Exception {
        XPublishingTest.Account dead = MetaAndTikTokPublishingTest.tikTokAccount(fake);
        XPublishingTest.Account alive = MetaAndTikTokPublishingTest.tikTokAccount(fake);
        String deadPost = duePost(dead, "Dead " + UUID.randomUUID(),
                                  List.of(XPublishingTest.MediaUpload.of(dead.user(), TestFiles.jpeg(43, 40), "d.jpg")),
                                  PUBLIC);
        String alivePost = duePost(alive, "Alive " + UUID.randomUUID(),
                                   List.of(XPublishingTest.MediaUpload.of(alive.user(), TestFiles.jpeg(44, 40), "e.jpg")),
                                   PUBLIC);
        Tokens renewed = Tokens.fresh("tiktok");
        fake.stubFor(post(urlPathEqualTo("/tiktok/v2/post/publish/creator_info/query/"))
                             .withHeader("Authorization", WireMock.notContaining(renewed.access()))
                             .willReturn(tikTokTokenInvalid()));
        stubTikTokRefreshRejected(dead.tokens().refresh());
        fake.stubFor(post(urlPathEqualTo("/tiktok/v2/oauth/token/")).withRequestBody(containing(alive.tokens().refresh()))
                             .willReturn(okJson(PlatformStubs.tikTokTokenJson(renewed, alive.xUserId()))));
        fake.stubFor(post(urlPathEqualTo("/tiktok/v2/post/publish/creator_info/query/"))
                             .withHeader("Authorization", WireMock.equalTo("Bearer " + renewed.access()))
                             .willReturn(okJson(envelope("{\"creator_username\":\"toker\",\"privacy_level_options\":"
                                                         + "[\"PUBLIC_TO_EVERYONE\"],\"max_video_post_duration_sec\":600}"))));
        fake.stubFor(post(urlPathEqualTo("/tiktok/v2/post/publish/content/init/"))
                             .willReturn(okJson(envelope("{\"publish_id\":\"p_alive~1\"}"))));
        fake.stubFor(post(urlPathEqualTo("/tiktok/v2/post/publish/status/fetch/"))
                             .willReturn(okJson(envelope("{\"status\":\"PUBLISH_COMPLETE\","
                                                         + "\"publicaly_available_post_id\":[\"7399\"]}"))));

        cycle();

        assertFailedAndDisabled(dead, deadPost);
        assertThat(postOf(alive, alivePost).getString("targets[0].status")).isEqualTo("published");
        assertThat(connectionStatus(alive)).isEqualTo("active");
    }

    // ---- a send of unknown outcome, then a grant found gone: unknown, never "not published" -----------------------

    @Test
    void instagramAPublishThatTimedOutThenAGrantFoundGoneEndsUnknownWithTheEvidence() throws Exception {
        XPublishingTest.Account ig = MetaAndTikTokPublishingTest.instagramAccount(fake, "17841400009004");
        String postId = duePost(ig, "Timed out, then revoked " + UUID.randomUUID(),
                                List.of(XPublishingTest.MediaUpload.of(ig.user(), TestFiles.jpeg(45, 40), "f.jpg")));
        String account = "/instagram/v25.0/17841400009004";
        fake.stubFor(post(urlPathEqualTo(account + "/media")).willReturn(okJson("{\"id\":\"c94\"}")));
        // The container says it is not published (the publish may still land after the look), so it is sent again.
        fake.stubFor(get(urlPathEqualTo("/instagram/v25.0/c94")).willReturn(okJson("{\"status_code\":\"FINISHED\"}")));
        fake.stubFor(post(urlPathEqualTo(account + "/media_publish")).inScenario("p").whenScenarioStateIs(Scenario.STARTED)
                             .willReturn(okJson("{\"id\":\"m94\"}").withFixedDelay(3000)).willSetStateTo("revoked"));
        fake.stubFor(post(urlPathEqualTo(account + "/media_publish")).inScenario("p").whenScenarioStateIs("revoked")
                             .willReturn(graphDeadToken()));
        fake.stubFor(get(urlPathEqualTo(account + "/media")).willReturn(okJson("{\"data\":[]}")));
        PlatformStubs.graphMe(fake, "instagram", ig.tokens().access(), false);

        cycle(); // the resend meets a refused token, not yet given up: retried, looking before it sends
        assertThat(postOf(ig, postId).getString("targets[0].last_error.code")).isEqualTo("outcome_unchecked");
        TimeTravel.makeDue(postId);
        cycle(); // still not published, still refused: the grant is gone, and the first publish may have landed

        assertUnknownAndDisabled(ig, postId);
    }

    @Test
    void tikTokARecoveredPublishWhoseGrantIsFoundGoneEndsUnknownWithTheEvidence() throws Exception {
        XPublishingTest.Account tt = MetaAndTikTokPublishingTest.tikTokAccount(fake);
        String postId = duePost(tt, "Recovered, revoked " + UUID.randomUUID(),
                                List.of(XPublishingTest.MediaUpload.of(tt.user(), TestFiles.mp4(3_000), "g.mp4")),
                                PUBLIC);
        String target = postOf(tt, postId).getString("targets[0].id");
        try (Connection c = Sql.connect()) {
            // An instance stopped after TikTok took the init: the video may be live.
            Sql.exec(c, "update post_platforms set status = 'publishing', lease_owner = 'instance-dead', attempts = 1,"
                        + " lease_expires_at = now() - interval '1 second', platform_checkpoint = 'publish_id:v_gone~1'"
                        + " where id = ?", UUID.fromString(target));
        }
        fake.stubFor(post(urlPathEqualTo("/tiktok/v2/post/publish/status/fetch/")).willReturn(tikTokTokenInvalid()));
        fake.stubFor(post(urlPathEqualTo("/tiktok/v2/post/publish/creator_info/query/")).willReturn(tikTokTokenInvalid()));
        stubTikTokRefreshRejected(tt.tokens().refresh());

        cycle();

        assertUnknownAndDisabled(tt, postId);
        assertThat(postOf(tt, postId).getString("targets[0].last_error.message")).contains("stopped mid-publish");
    }

    // ---- helpers -------------------------------------------------------------------------------------------------------

    private XPublishingTest.Account linkedInWithoutRefreshToken() {
        Api.Account user = Api.register();
        OAuthFlow.Started started = OAuthFlow.start(user, "linkedin");
        String code = OAuthFlow.newCode();
        String sub = "li" + UUID.randomUUID().toString().substring(0, 8);
        Tokens tokens = PlatformStubs.linkedInConnect(fake, code, sub, false);
        String id = OAuthFlow.callback("linkedin", code, started.state()).then().statusCode(200).extract().path("id");
        return new XPublishingTest.Account(user, id, sub, tokens);
    }

    private static ResponseDefinitionBuilder created(String id) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"data\":{\"id\":\"" + id + "\",\"text\":\"t\"}}");
    }

    private static ResponseDefinitionBuilder linkedInRevoked() {
        return aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody(PlatformStubs.LINKEDIN_REVOKED);
    }

    private static ResponseDefinitionBuilder graphDeadToken() {
        return aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody(PlatformStubs.GRAPH_DEAD_TOKEN);
    }

    /** TikTok's answer for a dead access token (platform-apis.md 5.x: 401 {@code access_token_invalid}). */
    private static ResponseDefinitionBuilder tikTokTokenInvalid() {
        return aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"data\":{},\"error\":{\"code\":\"access_token_invalid\",\"message\":\"The access token"
                          + " is invalid or not found in the request.\",\"log_id\":\"l9\"}}");
    }

    /** TikTok's token endpoint refusing a refresh token (platform-apis.md 5.1: {@code invalid_grant}). */
    private void stubTikTokRefreshRejected(String refreshToken) {
        fake.stubFor(post(urlPathEqualTo("/tiktok/v2/oauth/token/")).withRequestBody(containing(refreshToken))
                             .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                                                 .withBody("{\"error\":\"invalid_grant\",\"error_description\":"
                                                           + "\"Refresh token is invalid or expired.\","
                                                           + "\"log_id\":\"l8\"}")));
    }

    private static void assertFailedAndDisabled(XPublishingTest.Account account, String postId) throws Exception {
        JsonPath post = postOf(account, postId);
        assertThat(post.getString("targets[0].status")).isEqualTo("failed");
        assertThat(post.getString("targets[0].last_error.code")).isEqualTo("auth_revoked");
        assertThat(connectionStatus(account)).isEqualTo("needs_reauth");
    }

    private static void assertRetriedAndActive(XPublishingTest.Account account, String postId) throws Exception {
        JsonPath post = postOf(account, postId);
        assertThat(post.getString("targets[0].status")).isEqualTo("pending");
        assertThat(post.getString("targets[0].last_error.code")).isEqualTo("token_refused");
        assertThat(connectionStatus(account)).isEqualTo("active");
    }

    private static void assertUnknownAndDisabled(XPublishingTest.Account account, String postId) throws Exception {
        JsonPath post = postOf(account, postId);
        assertThat(post.getString("targets[0].status")).isEqualTo("failed");
        assertThat(post.getString("targets[0].last_error.code")).isEqualTo("outcome_unknown");
        assertThat(post.getString("targets[0].last_error.message")).contains("may have landed (")
                .contains("connected again");
        assertThat(connectionStatus(account)).isEqualTo("needs_reauth");
    }

    private static String connectionStatus(XPublishingTest.Account account) throws Exception {
        try (Connection c = Sql.connect()) {
            return String.valueOf(Sql.value(c, "select status from user_platforms where id = ?",
                                            UUID.fromString(account.connectionId())));
        }
    }

    private static Object acceptedAt(XPublishingTest.Account account) throws Exception {
        try (Connection c = Sql.connect()) {
            return Sql.value(c, "select token_accepted_at from user_platforms where id = ?",
                             UUID.fromString(account.connectionId()));
        }
    }
}
