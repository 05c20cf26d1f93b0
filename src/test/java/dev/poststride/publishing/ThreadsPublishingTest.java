package dev.poststride.publishing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.poststride.support.Api.as;
import static dev.poststride.support.OAuthFlow.callbackUri;
import static dev.poststride.support.OAuthFlow.formParams;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.poststride.support.Api;
import dev.poststride.support.FakePlatforms;
import dev.poststride.support.InjectFakePlatforms;
import dev.poststride.support.OAuthFlow;
import dev.poststride.support.PlatformStubs;
import dev.poststride.support.PlatformStubs.Tokens;
import dev.poststride.support.Sql;
import dev.poststride.support.TestFiles;
import dev.poststride.support.TimeTravel;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Threads, the sixth platform, against a WireMock fake of {@code graph.threads.net} in the shapes of
 * platform-apis-more.md §10: its own OAuth (one-hour token, 60-day exchange, renewal after a day), text, image, video
 * and carousel containers, reply chains for a thread and a first comment, the publishing quota, an unknown outcome
 * settled by the container's status, and the limits checked at scheduling.
 */
@QuarkusTest
class ThreadsPublishingTest {

    static final String API = "/threads/v1.0";
    static final String SCOPES = "threads_basic,threads_content_publish,threads_manage_replies";

    @InjectFakePlatforms
    WireMockServer fake;

    @BeforeEach
    void isolate() throws Exception {
        fake.resetAll();
        Sql.cancelOpenTargets();
    }

    /** A new user with the Threads profile {@code userId} connected through Threads' OAuth against {@code fake}. */
    static XPublishingTest.Account threadsProfile(WireMockServer fake, String userId) {
        Api.Account user = Api.register();
        OAuthFlow.Started started = OAuthFlow.start(user, "threads");
        String code = OAuthFlow.newCode();
        Tokens token = connectStubs(fake, code, userId);
        String id = OAuthFlow.callback("threads", code, started.state()).then().statusCode(200).extract().path("id");
        return new XPublishingTest.Account(user, id, userId, token);
    }

    /** Code → one-hour token (form POST) → 60-day token ({@code th_exchange_token}) → {@code /me}. */
    static Tokens connectStubs(WireMockServer fake, String code, String userId) {
        String shortLived = FakePlatforms.SECRET_MARK + "threads-short-" + UUID.randomUUID();
        Tokens longLived = new Tokens(FakePlatforms.SECRET_MARK + "threads-long-" + UUID.randomUUID(), null);
        fake.stubFor(post(urlPathEqualTo("/threads/oauth/access_token")).withRequestBody(containing("code=" + code))
                             .willReturn(okJson("{\"access_token\":\"" + shortLived + "\",\"user_id\":" + userId
                                                + "}")));
        fake.stubFor(get(urlPathEqualTo("/threads/access_token"))
                             .withQueryParam("grant_type", WireMock.equalTo("th_exchange_token"))
                             .withQueryParam("access_token", WireMock.equalTo(shortLived))
                             .withQueryParam("client_secret", WireMock.equalTo(FakePlatforms.clientSecret("threads")))
                             .willReturn(okJson("{\"access_token\":\"" + longLived.access()
                                                + "\",\"token_type\":\"bearer\",\"expires_in\":5183944}")));
        fake.stubFor(get(urlPathEqualTo(API + "/me"))
                             .withQueryParam("access_token", WireMock.equalTo(longLived.access()))
                             .willReturn(okJson("{\"id\":\"" + userId + "\",\"username\":\"bakery.threads\"}")));
        return longLived;
    }

    XPublishingTest.Account profile(String userId) {
        return threadsProfile(fake, userId);
    }

    /** A container {@code id} for the next create call, ready at once, and what publishing it answers. */
    void stubContainer(String user, String container, String media) {
        fake.stubFor(post(urlPathEqualTo(API + "/" + user + "/threads"))
                             .willReturn(okJson("{\"id\":\"" + container + "\"}")));
        fake.stubFor(get(urlPathEqualTo(API + "/" + container)).willReturn(okJson("{\"status\":\"FINISHED\"}")));
        fake.stubFor(post(urlPathEqualTo(API + "/" + user + "/threads_publish"))
                             .withRequestBody(containing("creation_id=" + container))
                             .willReturn(okJson("{\"id\":\"" + media + "\"}")));
        fake.stubFor(get(urlPathEqualTo(API + "/" + media)).willReturn(okJson(
                "{\"id\":\"" + media + "\",\"permalink\":\"https://www.threads.com/@bakery.threads/post/" + media
                + "\"}")));
    }

    void stubQuota(int used, int replies) {
        fake.stubFor(get(WireMock.urlPathMatching(API + "/[^/]+/threads_publishing_limit")).willReturn(okJson(
                "{\"data\":[{\"quota_usage\":" + used + ",\"config\":{\"quota_total\":250,\"quota_duration\":86400},"
                + "\"reply_quota_usage\":" + replies + ",\"reply_config\":{\"quota_total\":1000,"
                + "\"quota_duration\":86400}}]}")));
    }

    List<Map<String, String>> containers(String user) {
        return fake.findAll(postRequestedFor(urlPathEqualTo(API + "/" + user + "/threads"))).stream()
                .map(r -> formParams(r.getBodyAsString())).toList();
    }

    // ---- connecting ----------------------------------------------------------------------------------------------

    @Test
    void aProfileConnectsWithThreadsOwnOAuthAndASixtyDayToken() throws Exception {
        Api.Account user = Api.register();
        OAuthFlow.Started started = OAuthFlow.start(user, "threads");
        assertThat(started.authorizationUrl()).contains("/threads/oauth/authorize?");
        assertThat(started.params()).containsEntry("client_id", FakePlatforms.clientId("threads"))
                .containsEntry("redirect_uri", callbackUri("threads")).containsEntry("response_type", "code")
                .containsEntry("scope", SCOPES).doesNotContainKey("code_challenge");
        String code = OAuthFlow.newCode();
        Tokens token = connectStubs(fake, code, "24001");
        Instant before = Instant.now();

        var answer = OAuthFlow.callback("threads", code, started.state());

        answer.then().statusCode(200).body("platform", equalTo("threads")).body("account_id", equalTo("24001"))
                .body("account_name", equalTo("bakery.threads")).body("scopes", equalTo(SCOPES));
        assertThat(Duration.between(before, Instant.parse(answer.jsonPath().getString("token_expires_at"))))
                .isBetween(Duration.ofDays(59), Duration.ofDays(61));
        Map<String, String> form = formParams(fake.findAll(postRequestedFor(urlPathEqualTo(
                "/threads/oauth/access_token"))).getFirst().getBodyAsString());
        assertThat(form).containsEntry("client_id", FakePlatforms.clientId("threads"))
                .containsEntry("client_secret", FakePlatforms.clientSecret("threads"))
                .containsEntry("grant_type", "authorization_code").containsEntry("code", code)
                .containsEntry("redirect_uri", callbackUri("threads"));
        assertNoPlaintextToken(answer.jsonPath().getString("id"), token);
    }

    @Test
    void theTokenRenewsItselfOnceADayOldAndARefusedRenewalNeedsTheUser() throws Exception {
        XPublishingTest.Account profile = profile("24002");
        String renewed = FakePlatforms.SECRET_MARK + "threads-renewed-" + UUID.randomUUID();
        fake.stubFor(get(urlPathEqualTo("/threads/refresh_access_token"))
                             .withQueryParam("grant_type", WireMock.equalTo("th_refresh_token"))
                             .withQueryParam("access_token", WireMock.equalTo(profile.tokens().access()))
                             .willReturn(okJson("{\"access_token\":\"" + renewed
                                                + "\",\"token_type\":\"bearer\",\"expires_in\":5183944}")));

        // Threads renews a token only once it is a day old: earlier nothing is asked, and the token stays.
        as(profile.user()).post("/api/platforms/connected/" + profile.connectionId() + "/refresh").then()
                .statusCode(200).body("status", equalTo("active"));
        fake.verify(0, getRequestedFor(urlPathEqualTo("/threads/refresh_access_token")));

        tokenIssuedTwoDaysAgo(profile.connectionId());
        as(profile.user()).post("/api/platforms/connected/" + profile.connectionId() + "/refresh").then()
                .statusCode(200).body("status", equalTo("active"));
        fake.verify(1, getRequestedFor(urlPathEqualTo("/threads/refresh_access_token")));
        assertNoPlaintextToken(profile.connectionId(), new Tokens(renewed, null));

        fake.stubFor(get(urlPathEqualTo("/threads/refresh_access_token")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(PlatformStubs.GRAPH_DEAD_TOKEN)));
        tokenIssuedTwoDaysAgo(profile.connectionId());
        as(profile.user()).post("/api/platforms/connected/" + profile.connectionId() + "/refresh").then()
                .statusCode(200).body("status", equalTo("needs_reauth"));
    }

    // ---- publishing ----------------------------------------------------------------------------------------------

    @Test
    void aTextPostIsAContainerPublishedOnceReadyAfterTheQuotaWasRead() throws Exception {
        XPublishingTest.Account profile = profile("24010");
        stubQuota(3, 0);
        stubContainer("24010", "c10", "m10");
        String text = "Fresh bread at seven 🥖 " + UUID.randomUUID();
        String postId = XPublishingTest.duePost(profile, text, List.of(), Map.of("reply_control", "followers_only"));

        assertThat(XPublishingTest.cycle().getInt("published")).isEqualTo(1);

        Map<String, String> container = containers("24010").getFirst();
        assertThat(container).containsEntry("media_type", "TEXT").containsEntry("text", text)
                .containsEntry("reply_control", "followers_only")
                .containsEntry("access_token", profile.tokens().access()).doesNotContainKey("reply_to_id");
        LoggedRequest publish = fake.findAll(postRequestedFor(urlPathEqualTo(API + "/24010/threads_publish")))
                .getFirst();
        assertThat(formParams(publish.getBodyAsString())).containsEntry("creation_id", "c10")
                .containsEntry("access_token", profile.tokens().access());
        fake.verify(1, getRequestedFor(urlPathEqualTo(API + "/24010/threads_publishing_limit")));
        JsonPath post = XPublishingTest.postOf(profile, postId);
        assertThat(post.getString("targets[0].status")).isEqualTo("published");
        assertThat(post.getString("targets[0].platform_post_id")).isEqualTo("m10");
        assertThat(post.getString("targets[0].permalink"))
                .isEqualTo("https://www.threads.com/@bakery.threads/post/m10");
    }

    @Test
    void aSpentQuotaCreatesNothingAndTheTargetWaits() throws Exception {
        XPublishingTest.Account profile = profile("24011");
        stubQuota(250, 0);
        String postId = XPublishingTest.duePost(profile, "Over quota " + UUID.randomUUID(), List.of());

        XPublishingTest.cycle();

        assertThat(containers("24011")).isEmpty();
        JsonPath post = XPublishingTest.postOf(profile, postId);
        assertThat(post.getString("targets[0].status")).isEqualTo("pending");
        assertThat(post.getString("targets[0].last_error.code")).isEqualTo("rate_limited");
        assertThat(post.getString("targets[0].last_error.message")).contains("250 of 250");
    }

    @Test
    void anImageAndAVideoGoAsACarouselOfPulledItemsWithTheirAltText() throws Exception {
        XPublishingTest.Account profile = profile("24012");
        byte[] jpeg = TestFiles.jpeg(40, 30);
        String image = as(profile.user()).multiPart("file", "loaf.jpg", jpeg, "application/octet-stream")
                .multiPart("alt_text", "A sourdough loaf").post("/api/media").then().statusCode(201).extract()
                .path("id");
        String video = XPublishingTest.MediaUpload.of(profile.user(), TestFiles.mp4(8_000), "oven.mp4");
        String text = "Carousel " + UUID.randomUUID();
        String postId = XPublishingTest.duePost(profile, text, List.of(image, video));
        fake.stubFor(post(urlPathEqualTo(API + "/24012/threads")).inScenario("carousel")
                             .whenScenarioStateIs(Scenario.STARTED).willReturn(okJson("{\"id\":\"k1\"}"))
                             .willSetStateTo("2"));
        fake.stubFor(post(urlPathEqualTo(API + "/24012/threads")).inScenario("carousel").whenScenarioStateIs("2")
                             .willReturn(okJson("{\"id\":\"k2\"}")).willSetStateTo("3"));
        fake.stubFor(post(urlPathEqualTo(API + "/24012/threads")).inScenario("carousel").whenScenarioStateIs("3")
                             .willReturn(okJson("{\"id\":\"parent\"}")));
        for (String container : List.of("k1", "k2", "parent")) {
            fake.stubFor(get(urlPathEqualTo(API + "/" + container)).willReturn(okJson("{\"status\":\"FINISHED\"}")));
        }
        fake.stubFor(post(urlPathEqualTo(API + "/24012/threads_publish")).willReturn(okJson("{\"id\":\"m12\"}")));

        assertThat(XPublishingTest.cycle().getInt("published")).isEqualTo(1);

        List<Map<String, String>> sent = containers("24012");
        assertThat(sent.get(0)).containsEntry("media_type", "IMAGE").containsEntry("is_carousel_item", "true")
                .containsEntry("alt_text", "A sourdough loaf").doesNotContainKey("text");
        MetaAndTikTokPublishingTest.assertPullable(sent.get(0).get("image_url"), jpeg);
        assertThat(sent.get(1)).containsEntry("media_type", "VIDEO").containsEntry("is_carousel_item", "true")
                .containsKey("video_url");
        assertThat(sent.get(2)).containsEntry("media_type", "CAROUSEL").containsEntry("children", "k1,k2")
                .containsEntry("text", text);
        assertThat(formParams(fake.findAll(postRequestedFor(urlPathEqualTo(API + "/24012/threads_publish")))
                                      .getFirst().getBodyAsString())).containsEntry("creation_id", "parent");
        assertThat(XPublishingTest.postOf(profile, postId).getString("targets[0].platform_post_id")).isEqualTo("m12");
    }

    @Test
    void aSingleVideoIsAVideoContainerPolledUntilFinished() throws Exception {
        XPublishingTest.Account profile = profile("24013");
        String video = XPublishingTest.MediaUpload.of(profile.user(), TestFiles.mp4(9_000), "clip.mp4");
        XPublishingTest.duePost(profile, "Video " + UUID.randomUUID(), List.of(video));
        stubContainer("24013", "v1", "m13");
        fake.stubFor(get(urlPathEqualTo(API + "/v1")).inScenario("video").whenScenarioStateIs(Scenario.STARTED)
                             .willReturn(okJson("{\"status\":\"IN_PROGRESS\"}")).willSetStateTo("ready"));
        fake.stubFor(get(urlPathEqualTo(API + "/v1")).inScenario("video").whenScenarioStateIs("ready")
                             .willReturn(okJson("{\"status\":\"FINISHED\"}")));

        assertThat(XPublishingTest.cycle().getInt("published")).isEqualTo(1);

        assertThat(containers("24013").getFirst()).containsEntry("media_type", "VIDEO").containsKey("video_url")
                .doesNotContainKey("is_carousel_item");
        fake.verify(2, getRequestedFor(urlPathEqualTo(API + "/v1")));
    }

    @Test
    void aContainerThreadsCannotPrepareFailsWithItsReason() throws Exception {
        XPublishingTest.Account profile = profile("24014");
        String video = XPublishingTest.MediaUpload.of(profile.user(), TestFiles.mp4(9_000), "bad.mp4");
        String postId = XPublishingTest.duePost(profile, "Bad video " + UUID.randomUUID(), List.of(video));
        stubContainer("24014", "e1", "never");
        fake.stubFor(get(urlPathEqualTo(API + "/e1")).willReturn(okJson(
                "{\"status\":\"ERROR\",\"error_message\":\"INVALID_ASPEC_RATIO\"}")));

        XPublishingTest.cycle();

        JsonPath post = XPublishingTest.postOf(profile, postId);
        assertThat(post.getString("targets[0].status")).isEqualTo("failed");
        assertThat(post.getString("targets[0].last_error.code")).isEqualTo("container_error");
        assertThat(post.getString("targets[0].last_error.message")).contains("INVALID_ASPEC_RATIO");
        fake.verify(0, postRequestedFor(urlPathEqualTo(API + "/24014/threads_publish")));
    }

    @Test
    void aThreadIsAReplyChainThatResumesAfterTheLastPartLive() throws Exception {
        XPublishingTest.Account profile = profile("24015");
        stubQuota(0, 0);
        String text = "Thread start " + UUID.randomUUID();
        String postId = XPublishingTest.duePost(profile, text, List.of(), Map.of("thread", List.of("Part two",
                                                                                                  "Part three")));
        fake.stubFor(post(urlPathEqualTo(API + "/24015/threads")).withRequestBody(containing("text=Thread+start"))
                             .willReturn(okJson("{\"id\":\"t0\"}")));
        fake.stubFor(post(urlPathEqualTo(API + "/24015/threads")).withRequestBody(containing("text=Part+two"))
                             .willReturn(okJson("{\"id\":\"t1\"}")));
        // The third part's container cannot be made on the first attempt (Graph's "temporarily unavailable"): the
        // target waits for a retry, which continues with that part only.
        fake.stubFor(post(urlPathEqualTo(API + "/24015/threads")).withRequestBody(containing("text=Part+three"))
                             .inScenario("part3").whenScenarioStateIs(Scenario.STARTED)
                             .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                                                 .withBody("{\"error\":{\"message\":\"Service temporarily"
                                                           + " unavailable\",\"code\":2}}"))
                             .willSetStateTo("up"));
        fake.stubFor(post(urlPathEqualTo(API + "/24015/threads")).withRequestBody(containing("text=Part+three"))
                             .inScenario("part3").whenScenarioStateIs("up").willReturn(okJson("{\"id\":\"t2\"}")));
        for (String container : List.of("t0", "t1", "t2")) {
            fake.stubFor(get(urlPathEqualTo(API + "/" + container)).willReturn(okJson("{\"status\":\"FINISHED\"}")));
        }
        for (int i = 0; i < 3; i++) {
            fake.stubFor(post(urlPathEqualTo(API + "/24015/threads_publish"))
                                 .withRequestBody(containing("creation_id=t" + i))
                                 .willReturn(okJson("{\"id\":\"p" + i + "\"}")));
        }

        XPublishingTest.cycle();
        JsonPath waiting = XPublishingTest.postOf(profile, postId);
        assertThat(waiting.getString("targets[0].status")).isEqualTo("pending");
        TimeTravel.makeDue(postId);
        assertThat(XPublishingTest.cycle().getInt("published")).isEqualTo(1);

        List<Map<String, String>> sent = containers("24015");
        assertThat(sent).extracting(m -> m.get("text"))
                .containsExactly(text, "Part two", "Part three", "Part three");
        assertThat(sent).extracting(m -> m.get("reply_to_id")).containsExactly(null, "p0", "p1", "p1");
        for (int i = 0; i < 3; i++) {
            fake.verify(1, postRequestedFor(urlPathEqualTo(API + "/24015/threads_publish"))
                    .withRequestBody(containing("creation_id=t" + i)));
        }
        assertThat(XPublishingTest.postOf(profile, postId).getString("targets[0].platform_post_id")).isEqualTo("p0");
    }

    @Test
    void aFirstCommentIsAReplyToThePublishedPost() throws Exception {
        XPublishingTest.Account profile = profile("24016");
        String text = "With a comment " + UUID.randomUUID();
        String postId = XPublishingTest.duePost(profile, text, List.of(), Map.of("first_comment", "Recipe below 👇"));
        fake.stubFor(post(urlPathEqualTo(API + "/24016/threads")).withRequestBody(containing("text=With+a+comment"))
                             .willReturn(okJson("{\"id\":\"f0\"}")));
        fake.stubFor(post(urlPathEqualTo(API + "/24016/threads")).withRequestBody(containing("reply_to_id=q0"))
                             .willReturn(okJson("{\"id\":\"f1\"}")));
        for (String container : List.of("f0", "f1")) {
            fake.stubFor(get(urlPathEqualTo(API + "/" + container)).willReturn(okJson("{\"status\":\"FINISHED\"}")));
        }
        fake.stubFor(post(urlPathEqualTo(API + "/24016/threads_publish")).withRequestBody(containing("creation_id=f0"))
                             .willReturn(okJson("{\"id\":\"q0\"}")));
        fake.stubFor(post(urlPathEqualTo(API + "/24016/threads_publish")).withRequestBody(containing("creation_id=f1"))
                             .willReturn(okJson("{\"id\":\"q1\"}")));

        assertThat(XPublishingTest.cycle().getInt("published")).isEqualTo(1);

        Map<String, String> reply = containers("24016").getLast();
        assertThat(reply).containsEntry("media_type", "TEXT").containsEntry("text", "Recipe below 👇")
                .containsEntry("reply_to_id", "q0");
        JsonPath post = XPublishingTest.postOf(profile, postId);
        assertThat(post.getString("targets[0].first_comment.status")).isEqualTo("posted");
        assertThat(post.getString("targets[0].first_comment.platform_comment_id")).isEqualTo("q1");
    }

    @Test
    void aPublishThatTimedOutIsSettledByTheContainersStatusAndNeverSentTwice() throws Exception {
        XPublishingTest.Account profile = profile("24017");
        String text = "Timed out " + UUID.randomUUID();
        String postId = XPublishingTest.duePost(profile, text, List.of());
        fake.stubFor(post(urlPathEqualTo(API + "/24017/threads")).willReturn(okJson("{\"id\":\"u1\"}")));
        fake.stubFor(get(urlPathEqualTo(API + "/u1")).inScenario("u1").whenScenarioStateIs(Scenario.STARTED)
                             .willReturn(okJson("{\"status\":\"FINISHED\"}")).willSetStateTo("published"));
        fake.stubFor(get(urlPathEqualTo(API + "/u1")).inScenario("u1").whenScenarioStateIs("published")
                             .willReturn(okJson("{\"status\":\"PUBLISHED\"}")));
        fake.stubFor(post(urlPathEqualTo(API + "/24017/threads_publish"))
                             .willReturn(okJson("{\"id\":\"lost\"}").withFixedDelay(3000)));
        fake.stubFor(get(urlPathEqualTo(API + "/24017/threads")).willReturn(okJson(
                "{\"data\":[{\"id\":\"u88\",\"text\":\"" + text
                + "\",\"permalink\":\"https://www.threads.com/p/u88\"}]}")));

        assertThat(XPublishingTest.cycle().getInt("published")).isEqualTo(1);

        fake.verify(1, postRequestedFor(urlPathEqualTo(API + "/24017/threads_publish")));
        assertThat(XPublishingTest.postOf(profile, postId).getString("targets[0].platform_post_id")).isEqualTo("u88");
    }

    @Test
    void anUnclearAnswerOnAContainerStillUnpublishedPublishesThatSameContainerAgain() throws Exception {
        XPublishingTest.Account profile = profile("24019");
        String text = "Unclear " + UUID.randomUUID();
        String postId = XPublishingTest.duePost(profile, text, List.of());
        fake.stubFor(post(urlPathEqualTo(API + "/24019/threads")).willReturn(okJson("{\"id\":\"r19\"}")));
        fake.stubFor(get(urlPathEqualTo(API + "/r19")).willReturn(okJson("{\"status\":\"FINISHED\"}")));
        fake.stubFor(post(urlPathEqualTo(API + "/24019/threads_publish")).inScenario("r19")
                             .whenScenarioStateIs(Scenario.STARTED)
                             .willReturn(aResponse().withStatus(502).withBody("<html>Bad Gateway</html>"))
                             .willSetStateTo("up"));
        fake.stubFor(post(urlPathEqualTo(API + "/24019/threads_publish")).inScenario("r19").whenScenarioStateIs("up")
                             .willReturn(okJson("{\"id\":\"m19\"}")));

        XPublishingTest.cycle();
        if (!"published".equals(XPublishingTest.postOf(profile, postId).getString("targets[0].status"))) {
            TimeTravel.makeDue(postId);
            XPublishingTest.cycle();
        }

        assertThat(XPublishingTest.postOf(profile, postId).getString("targets[0].platform_post_id")).isEqualTo("m19");
        assertThat(containers("24019")).hasSize(1);
        fake.verify(2, postRequestedFor(urlPathEqualTo(API + "/24019/threads_publish"))
                .withRequestBody(containing("creation_id=r19")));
    }

    // ---- what is checked at scheduling ---------------------------------------------------------------------------

    @Test
    void emojiCountAsTheirUtf8BytesAndMoreThanFiveLinksAreRefusedBeforeScheduling() throws Exception {
        XPublishingTest.Account profile = profile("24018");
        // 124 thumbs-up are 496 "characters" as Threads counts them (4 bytes each); five letters more are 501.
        String emoji = "👍".repeat(124);
        validate(profile, emoji + "abcd", Map.of()).body("valid", equalTo(true))
                .body("targets[0].length", equalTo(500))
                .body("targets[0].text_counting", equalTo("emoji_as_utf8_bytes"));
        validate(profile, emoji + "abcde", Map.of()).body("valid", equalTo(false))
                .body("errors.find { it.field == 'targets[0].content' }.rule", equalTo("text_limit"));

        String five = "a https://a.example b https://b.example/x c www.c.example d http://d.example"
                      + " e https://e.example.";
        validate(profile, five + " again https://a.example", Map.of()).body("valid", equalTo(true));
        validate(profile, five + " f https://f.example", Map.of()).body("valid", equalTo(false))
                .body("errors.find { it.field == 'targets[0].content' }.rule", equalTo("link_limit"));
        validate(profile, "ok", Map.of("first_comment", "👍".repeat(126))).body("valid", equalTo(false))
                .body("errors.find { it.field == 'targets[0].options.first_comment' }.rule", equalTo("text_limit"));
        validate(profile, "ok", Map.of("thread", List.of(five + " f https://f.example"))).body("valid", equalTo(false))
                .body("errors.find { it.field == 'targets[0].options.thread[0]' }.rule", equalTo("link_limit"));
    }

    @Test
    void theCatalogueListsThreadsWithItsLimitsAndOptions() {
        JsonPath catalogue = given().get("/api/platforms").then().statusCode(200).extract().jsonPath();
        Map<String, Object> threads = catalogue.getMap("items.find { it.key == 'threads' }");
        assertThat(threads).containsEntry("name", "Threads").containsEntry("text_limit", 500)
                .containsEntry("text_counting", "emoji_as_utf8_bytes").containsEntry("max_images", 20);
        assertThat(catalogue.getMap("items.find { it.key == 'threads' }.options_schema.properties"))
                .containsKeys("first_comment", "thread", "reply_control");
        assertThat(catalogue.getList("items.key")).endsWith("threads");
    }

    private static io.restassured.response.ValidatableResponse validate(XPublishingTest.Account profile, String text,
                                                                        Map<String, Object> options) {
        return as(profile.user()).contentType(ContentType.JSON).body(Map.of(
                        "content", text, "scheduled_at", Instant.now().plus(Duration.ofDays(1)).toString(),
                        "targets", List.of(Map.of("connection_id", profile.connectionId(), "options", options))))
                .post("/api/posts/validate").then().statusCode(200);
    }

    private static void tokenIssuedTwoDaysAgo(String connectionId) throws Exception {
        try (Connection c = Sql.connect()) {
            Sql.exec(c, "update user_platforms set token_refreshed_at = ? where id = ?",
                     Timestamp.from(Instant.now().minus(Duration.ofDays(2))), UUID.fromString(connectionId));
        }
    }

    private static void assertNoPlaintextToken(String connectionId, Tokens token) throws Exception {
        dev.poststride.platform.PlatformConnectTest.assertNoPlaintextTokenStored(UUID.fromString(connectionId), token);
    }
}
