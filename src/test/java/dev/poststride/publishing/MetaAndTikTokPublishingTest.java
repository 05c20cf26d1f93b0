package dev.poststride.publishing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
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
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Publishing to a Facebook Page, Instagram and TikTok against WireMock fakes of their APIs. */
@QuarkusTest
class MetaAndTikTokPublishingTest {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The privacy choice TikTok needs from the user (no default). */
    static final Map<String, Object> PUBLIC = Map.of("privacy_level", "PUBLIC_TO_EVERYONE");

    @InjectFakePlatforms
    WireMockServer fake;

    @BeforeEach
    void isolate() throws Exception {
        fake.resetAll();
        Sql.cancelOpenTargets();
    }

    XPublishingTest.Account facebookPage(String pageId, String pageToken) {
        return facebookPage(fake, pageId, pageToken);
    }

    XPublishingTest.Account instagramAccount(String igId) {
        return instagramAccount(fake, igId);
    }

    XPublishingTest.Account tikTokAccount() {
        return tikTokAccount(fake);
    }

    /** A new user with a Facebook Page connected through the OAuth flow against {@code fake}. */
    static XPublishingTest.Account facebookPage(WireMockServer fake, String pageId, String pageToken) {
        Api.Account user = Api.register();
        OAuthFlow.Started started = OAuthFlow.start(user, "facebook");
        String code = OAuthFlow.newCode();
        Tokens userToken = PlatformStubs.metaLogin(fake, "facebook", code);
        fake.stubFor(get(urlPathEqualTo("/facebook/v25.0/me/accounts"))
                             .withHeader("Authorization", WireMock.equalTo("Bearer " + userToken.access()))
                             .willReturn(okJson("{\"data\":[{\"id\":\"" + pageId + "\",\"name\":\"Bakery\","
                                                + "\"access_token\":\"" + pageToken
                                                + "\",\"tasks\":[\"CREATE_CONTENT\"]}]}")));
        String id = OAuthFlow.callback("facebook", code, started.state()).then().statusCode(200).extract().path("id");
        return new XPublishingTest.Account(user, id, pageId, new Tokens(pageToken, null));
    }

    /** A new user with the Instagram business account {@code igId} connected against {@code fake}. */
    static XPublishingTest.Account instagramAccount(WireMockServer fake, String igId) {
        Api.Account user = Api.register();
        OAuthFlow.Started started = OAuthFlow.start(user, "instagram");
        String code = OAuthFlow.newCode();
        PlatformStubs.metaLogin(fake, "instagram", code);
        String pageToken = FakePlatforms.SECRET_MARK + "ig-page-" + UUID.randomUUID();
        fake.stubFor(get(urlPathEqualTo("/instagram/v25.0/me/accounts")).willReturn(okJson(
                "{\"data\":[{\"id\":\"1\",\"access_token\":\"" + pageToken
                + "\",\"instagram_business_account\":{\"id\":\"" + igId + "\"}}]}")));
        fake.stubFor(get(urlPathEqualTo("/instagram/v25.0/" + igId))
                             .willReturn(okJson("{\"username\":\"shop.gram\"}")));
        String id = OAuthFlow.callback("instagram", code, started.state()).then().statusCode(200).extract().path("id");
        return new XPublishingTest.Account(user, id, igId, new Tokens(pageToken, null));
    }

    /** A new user with a TikTok account connected against {@code fake}; its open id is the account's platform id. */
    static XPublishingTest.Account tikTokAccount(WireMockServer fake) {
        Api.Account user = Api.register();
        OAuthFlow.Started started = OAuthFlow.start(user, "tiktok");
        String code = OAuthFlow.newCode();
        String openId = "open-" + UUID.randomUUID();
        Tokens tokens = PlatformStubs.tikTokConnect(fake, code, openId);
        String id = OAuthFlow.callback("tiktok", code, started.state()).then().statusCode(200).extract().path("id");
        return new XPublishingTest.Account(user, id, openId, tokens);
    }

    /** The signed pull URL a platform was given must serve the file, without a token. */
    static void assertPullable(String url, byte[] bytes) {
        URI uri = URI.create(url);
        byte[] served = given().urlEncodingEnabled(false).get(uri.getRawPath() + "?" + uri.getRawQuery()).then()
                .statusCode(200).extract().asByteArray();
        assertThat(served).isEqualTo(bytes);
    }

    // ---- Facebook ------------------------------------------------------------------------------------------------

    @Test
    void facebookTextGoesToTheFeedWithThePageToken() throws Exception {
        String pageToken = FakePlatforms.SECRET_MARK + "page-" + UUID.randomUUID();
        XPublishingTest.Account page = facebookPage("1001", pageToken);
        String text = "Fresh bread " + UUID.randomUUID();
        String postId = XPublishingTest.duePost(page, text, List.of());
        fake.stubFor(post(urlPathEqualTo("/facebook/v25.0/1001/feed"))
                             .willReturn(okJson("{\"id\":\"1001_555\"}").withHeader("X-App-Usage", "{\"call_count\":1}")));

        assertThat(XPublishingTest.cycle().getInt("published")).isEqualTo(1);

        LoggedRequest feed = fake.findAll(postRequestedFor(urlPathEqualTo("/facebook/v25.0/1001/feed"))).getFirst();
        assertThat(feed.getHeader("Authorization")).isEqualTo("Bearer " + pageToken);
        assertThat(JSON.readTree(feed.getBodyAsString())).isEqualTo(JSON.readTree("{\"message\":\"" + text + "\"}"));
        JsonPath post = XPublishingTest.postOf(page, postId);
        assertThat(post.getString("targets[0].platform_post_id")).isEqualTo("1001_555");
        assertThat(post.getString("targets[0].permalink")).isEqualTo("https://www.facebook.com/1001_555");
    }

    @Test
    void facebookAGrantLostAfterAFeedCallThatTimedOutEndsUnknownNotAsNeverPublished() throws Exception {
        // The feed call times out (it may land later, after the Page was searched); the Page's post list does not
        // show it yet, so the post is sent once more, and that meets a revoked token. Nothing proves the first one
        // did not land: the target ends unknown, and the connection needs the user.
        XPublishingTest.Account page = facebookPage("1002", "page-" + UUID.randomUUID());
        String postId = XPublishingTest.duePost(page, "Timed out " + UUID.randomUUID(), List.of());
        fake.stubFor(post(urlPathEqualTo("/facebook/v25.0/1002/feed")).inScenario("late")
                             .whenScenarioStateIs(Scenario.STARTED)
                             .willReturn(okJson("{\"id\":\"1002_1\"}").withFixedDelay(3000))
                             .willSetStateTo("sent"));
        fake.stubFor(post(urlPathEqualTo("/facebook/v25.0/1002/feed")).inScenario("late").whenScenarioStateIs("sent")
                             .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                                                 .withBody("{\"error\":{\"message\":\"Error validating access"
                                                           + " token\",\"type\":\"OAuthException\",\"code\":190}}")));
        fake.stubFor(get(urlPathEqualTo("/facebook/v25.0/1002/published_posts")).willReturn(okJson("{\"data\":[]}")));
        PlatformStubs.graphMe(fake, "facebook", page.tokens().access(), false); // the identity check confirms it

        XPublishingTest.cycle(); // refused once, also to the identity check: looked for again on the next attempt
        TimeTravel.makeDue(postId);
        XPublishingTest.cycle(); // refused on that attempt too: the grant is gone

        JsonPath post = XPublishingTest.postOf(page, postId);
        assertThat(post.getString("targets[0].status")).isEqualTo("failed");
        assertThat(post.getString("targets[0].last_error.code")).isEqualTo("outcome_unknown");
        // The first feed call, its resend (refused), and on the next attempt one more after the look-up (refused).
        assertThat(fake.findAll(postRequestedFor(urlPathEqualTo("/facebook/v25.0/1002/feed")))).hasSize(3);
        try (Connection c = Sql.connect()) {
            assertThat(Sql.value(c, "select status from user_platforms where id = ?",
                                 UUID.fromString(page.connectionId()))).isEqualTo("needs_reauth");
        }
    }

    @Test
    void facebookAFirstCommentGoesUnderThePostWithThePageToken() throws Exception {
        String pageToken = "page-" + UUID.randomUUID();
        XPublishingTest.Account page = facebookPage("1003", pageToken);
        String postId = XPublishingTest.duePost(page, "With a comment " + UUID.randomUUID(), List.of(),
                                                Map.of("first_comment", "Menu in the comments"));
        fake.stubFor(post(urlPathEqualTo("/facebook/v25.0/1003/feed")).willReturn(okJson("{\"id\":\"1003_77\"}")));
        fake.stubFor(post(urlPathEqualTo("/facebook/v25.0/1003_77/comments"))
                             .willReturn(okJson("{\"id\":\"77_901\"}")));
        assertThat(XPublishingTest.postOf(page, postId).getString("targets[0].first_comment.status"))
                .isEqualTo("waiting");

        XPublishingTest.cycle();

        LoggedRequest comment = fake.findAll(postRequestedFor(urlPathEqualTo("/facebook/v25.0/1003_77/comments")))
                .getFirst();
        assertThat(comment.getHeader("Authorization")).isEqualTo("Bearer " + pageToken);
        assertThat(JSON.readTree(comment.getBodyAsString())).isEqualTo(JSON.readTree(
                "{\"message\":\"Menu in the comments\"}"));
        JsonPath post = XPublishingTest.postOf(page, postId);
        assertThat(post.getString("targets[0].first_comment.status")).isEqualTo("posted");
        assertThat(post.getString("targets[0].first_comment.platform_comment_id")).isEqualTo("77_901");
        assertThat(post.getString("targets[0].first_comment.text")).isEqualTo("Menu in the comments");
    }

    @Test
    void instagramWaitsWhenItsPublishingQuotaIsSpentAndADryRunShowsTheQuota() throws Exception {
        XPublishingTest.Account ig = instagramAccount("17841400000000004");
        String image = XPublishingTest.MediaUpload.of(ig.user(), TestFiles.jpeg(40, 40), "q.jpg");
        fake.stubFor(get(urlPathEqualTo("/instagram/v25.0/17841400000000004/content_publishing_limit"))
                             .withQueryParam("fields", WireMock.equalTo("quota_usage,config"))
                             .willReturn(okJson("{\"data\":[{\"quota_usage\":50,\"config\":{\"quota_total\":50,"
                                                + "\"quota_duration\":86400}}]}")));
        Map<String, Object> body = Map.of("content", "Quota", "media_ids", List.of(image),
                                          "scheduled_at", java.time.Instant.now().plusSeconds(86_400).toString(),
                                          "targets", List.of(Map.of("connection_id", ig.connectionId())));
        Api.as(ig.user()).contentType("application/json").body(body).post("/api/posts/validate").then()
                .statusCode(200).body("valid", org.hamcrest.Matchers.equalTo(true))
                .body("targets[0].quota.used", org.hamcrest.Matchers.equalTo(50))
                .body("targets[0].quota.total", org.hamcrest.Matchers.equalTo(50))
                .body("targets[0].quota.window_seconds", org.hamcrest.Matchers.equalTo(86400));
        String postId = XPublishingTest.duePost(ig, "Over the limit " + UUID.randomUUID(), List.of(image));

        XPublishingTest.cycle();

        JsonPath post = XPublishingTest.postOf(ig, postId);
        assertThat(post.getString("targets[0].status")).isEqualTo("pending");
        assertThat(post.getString("targets[0].last_error.code")).isEqualTo("rate_limited");
        assertThat(post.getString("targets[0].last_error.message")).contains("publishing limit").contains("50 of 50");
        fake.verify(0, postRequestedFor(urlPathEqualTo("/instagram/v25.0/17841400000000004/media")));
    }

    @Test
    void instagramLoginConnectionsPublishAndCommentOnInstagramsOwnHostWithTheirToken() throws Exception {
        Api.Account user = Api.register();
        OAuthFlow.Started started = OAuthFlow.startFlow(user, "instagram", "instagram_login");
        String code = OAuthFlow.newCode();
        Tokens token = PlatformStubs.instagramLogin(fake, code, "17841400000000005", "studio.pro");
        String id = OAuthFlow.callback("instagram", code, started.state()).then().statusCode(200).extract().path("id");
        XPublishingTest.Account ig = new XPublishingTest.Account(user, id, "17841400000000005", token);
        String image = XPublishingTest.MediaUpload.of(user, TestFiles.jpeg(40, 40), "pro.jpg");
        String postId = XPublishingTest.duePost(ig, "Without a Page " + UUID.randomUUID(), List.of(image),
                                                Map.of("first_comment", "#studio"));
        String host = "/instagram-login/v25.0";
        fake.stubFor(get(urlPathEqualTo(host + "/17841400000000005/content_publishing_limit"))
                             .willReturn(okJson("{\"data\":[{\"quota_usage\":3,"
                                                + "\"config\":{\"quota_total\":100,\"quota_duration\":86400}}]}")));
        fake.stubFor(post(urlPathEqualTo(host + "/17841400000000005/media")).willReturn(okJson("{\"id\":\"c-5\"}")));
        fake.stubFor(get(urlPathEqualTo(host + "/c-5")).willReturn(okJson("{\"status_code\":\"FINISHED\"}")));
        fake.stubFor(post(urlPathEqualTo(host + "/17841400000000005/media_publish"))
                             .willReturn(okJson("{\"id\":\"1790005\"}")));
        fake.stubFor(get(urlPathEqualTo(host + "/1790005"))
                             .willReturn(okJson("{\"permalink\":\"https://www.instagram.com/p/pro/\"}")));
        fake.stubFor(post(urlPathEqualTo(host + "/1790005/comments")).willReturn(okJson("{\"id\":\"cm-5\"}")));

        assertThat(XPublishingTest.cycle().getInt("published")).isEqualTo(1);

        for (String path : List.of("/17841400000000005/content_publishing_limit", "/17841400000000005/media",
                                   "/17841400000000005/media_publish", "/1790005/comments")) {
            assertThat(fake.findAll(RequestPatternBuilder.allRequests()).stream()
                               .filter(r -> r.getUrl().startsWith(host + path))
                               .map(r -> r.getHeader("Authorization")))
                    .as(path).isNotEmpty().allMatch(("Bearer " + token.access())::equals);
        }
        assertThat(fake.findAll(RequestPatternBuilder.allRequests()).stream()
                           .filter(r -> r.getUrl().startsWith("/instagram/"))).isEmpty();
        JsonPath post = XPublishingTest.postOf(ig, postId);
        assertThat(post.getString("targets[0].platform_post_id")).isEqualTo("1790005");
        assertThat(post.getString("targets[0].permalink")).isEqualTo("https://www.instagram.com/p/pro/");
        assertThat(post.getString("targets[0].first_comment.status")).isEqualTo("posted");
    }

    @Test
    void instagramAFirstCommentRefusedForAMissingPermissionLeavesThePostPublished() throws Exception {
        XPublishingTest.Account ig = instagramAccount("17841400000000003");
        String image = XPublishingTest.MediaUpload.of(ig.user(), TestFiles.jpeg(40, 40), "c.jpg");
        String postId = XPublishingTest.duePost(ig, "Commented " + UUID.randomUUID(), List.of(image),
                                                Map.of("first_comment", "#bakery #fresh"));
        fake.stubFor(post(urlPathEqualTo("/instagram/v25.0/17841400000000003/media"))
                             .willReturn(okJson("{\"id\":\"c-1\"}")));
        fake.stubFor(get(urlPathEqualTo("/instagram/v25.0/c-1"))
                             .willReturn(okJson("{\"status_code\":\"FINISHED\"}")));
        fake.stubFor(post(urlPathEqualTo("/instagram/v25.0/17841400000000003/media_publish"))
                             .willReturn(okJson("{\"id\":\"1790001\"}")));
        fake.stubFor(get(urlPathEqualTo("/instagram/v25.0/1790001"))
                             .willReturn(okJson("{\"permalink\":\"https://www.instagram.com/p/abc/\"}")));
        fake.stubFor(post(urlPathEqualTo("/instagram/v25.0/1790001/comments")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"message\":\"(#10)"
                                                                          + " Permission denied\",\"code\":10}}")));

        XPublishingTest.cycle();

        assertThat(JSON.readTree(fake.findAll(postRequestedFor(urlPathEqualTo("/instagram/v25.0/1790001/comments")))
                                         .getFirst().getBodyAsString()))
                .isEqualTo(JSON.readTree("{\"message\":\"#bakery #fresh\"}"));
        JsonPath post = XPublishingTest.postOf(ig, postId);
        assertThat(post.getString("status")).isEqualTo("published");
        assertThat(post.getString("targets[0].status")).isEqualTo("published");
        assertThat(post.getString("targets[0].first_comment.status")).isEqualTo("failed");
        assertThat(post.getString("targets[0].first_comment.error")).contains("permission");
        try (Connection c = Sql.connect()) {
            assertThat(Sql.value(c, "select status from user_platforms where id = ?",
                                 UUID.fromString(ig.connectionId()))).isEqualTo("active");
        }
    }

    @Test
    void facebookPhotosAreUploadedUnpublishedThenAttachedToOnePost() throws Exception {
        XPublishingTest.Account page = facebookPage("2002", FakePlatforms.SECRET_MARK + UUID.randomUUID());
        byte[] first = TestFiles.jpeg(10, 10);
        String a = XPublishingTest.MediaUpload.of(page.user(), first, "a.jpg");
        String b = XPublishingTest.MediaUpload.of(page.user(), TestFiles.jpeg(11, 10), "b.jpg");
        String text = "Two loaves " + UUID.randomUUID();
        String postId = XPublishingTest.duePost(page, text, List.of(a, b));
        fake.stubFor(post(urlPathEqualTo("/facebook/v25.0/2002/photos")).inScenario("photos")
                             .whenScenarioStateIs(Scenario.STARTED).willReturn(okJson("{\"id\":\"p1\"}")).willSetStateTo("2"));
        fake.stubFor(post(urlPathEqualTo("/facebook/v25.0/2002/photos")).inScenario("photos")
                             .whenScenarioStateIs("2").willReturn(okJson("{\"id\":\"p2\"}")));
        fake.stubFor(post(urlPathEqualTo("/facebook/v25.0/2002/feed")).willReturn(okJson("{\"id\":\"2002_9\"}")));

        assertThat(XPublishingTest.cycle().getInt("published")).isEqualTo(1);

        List<LoggedRequest> photos = fake.findAll(postRequestedFor(urlPathEqualTo("/facebook/v25.0/2002/photos")));
        assertThat(photos).hasSize(2);
        JsonNode firstPhoto = JSON.readTree(photos.getFirst().getBodyAsString());
        assertThat(firstPhoto.path("published").asBoolean(true)).isFalse();
        assertPullable(firstPhoto.path("url").asText(), first);
        assertThat(JSON.readTree(fake.findAll(postRequestedFor(urlPathEqualTo("/facebook/v25.0/2002/feed"))).getFirst()
                                         .getBodyAsString()))
                .isEqualTo(JSON.readTree("{\"message\":\"" + text + "\",\"attached_media\":[{\"media_fbid\":\"p1\"},"
                                         + "{\"media_fbid\":\"p2\"}]}"));
        assertThat(XPublishingTest.postOf(page, postId).getString("targets[0].platform_post_id")).isEqualTo("2002_9");
    }

    @Test
    void facebookAVideoGoesToVideosAndAThrottleWaitsForTheAdvertisedTime() throws Exception {
        XPublishingTest.Account page = facebookPage("3003", FakePlatforms.SECRET_MARK + UUID.randomUUID());
        byte[] video = TestFiles.mp4(8_000);
        String v = XPublishingTest.MediaUpload.of(page.user(), video, "v.mp4");
        String postId = XPublishingTest.duePost(page, "Video " + UUID.randomUUID(), List.of(v));
        fake.stubFor(post(urlPathEqualTo("/facebook/v25.0/3003/videos")).inScenario("throttle")
                             .whenScenarioStateIs(Scenario.STARTED)
                             .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                                                 .withHeader("X-Business-Use-Case-Usage", "{\"3003\":[{\"type\":\"pages\","
                                                             + "\"call_count\":100,\"estimated_time_to_regain_access\":7}]}")
                                                 .withBody("{\"error\":{\"message\":\"User request limit reached\","
                                                           + "\"type\":\"OAuthException\",\"code\":80001}}"))
                             .willSetStateTo("open"));
        fake.stubFor(post(urlPathEqualTo("/facebook/v25.0/3003/videos")).inScenario("throttle").whenScenarioStateIs("open")
                             .willReturn(okJson("{\"id\":\"vid9\"}")));

        XPublishingTest.cycle();
        JsonPath waiting = XPublishingTest.postOf(page, postId);
        assertThat(waiting.getString("targets[0].status")).isEqualTo("pending");
        assertThat(java.time.Duration.between(java.time.Instant.now(),
                                              java.time.Instant.parse(waiting.getString("targets[0].next_attempt_at"))))
                .isBetween(java.time.Duration.ofMinutes(6), java.time.Duration.ofMinutes(7));

        TimeTravel.makeDue(postId);
        assertThat(XPublishingTest.cycle().getInt("published")).isEqualTo(1);
        JsonNode body = JSON.readTree(fake.findAll(postRequestedFor(urlPathEqualTo("/facebook/v25.0/3003/videos")))
                                              .getLast().getBodyAsString());
        assertPullable(body.path("file_url").asText(), video);
        assertThat(XPublishingTest.postOf(page, postId).getString("targets[0].permalink"))
                .isEqualTo("https://www.facebook.com/3003/videos/vid9");
    }

    // ---- Instagram -----------------------------------------------------------------------------------------------

    @Test
    void instagramCreatesAContainerWaitsUntilFinishedThenPublishes() throws Exception {
        XPublishingTest.Account ig = instagramAccount("17841400001");
        byte[] jpeg = TestFiles.jpeg(40, 40);
        String m = XPublishingTest.MediaUpload.of(ig.user(), jpeg, "feed.jpg");
        String text = "New in the shop " + UUID.randomUUID();
        String postId = XPublishingTest.duePost(ig, text, List.of(m));
        fake.stubFor(post(urlPathEqualTo("/instagram/v25.0/17841400001/media")).willReturn(okJson("{\"id\":\"c1\"}")));
        fake.stubFor(get(urlPathEqualTo("/instagram/v25.0/c1")).inScenario("container").whenScenarioStateIs(Scenario.STARTED)
                             .willReturn(okJson("{\"status_code\":\"IN_PROGRESS\"}")).willSetStateTo("ready"));
        fake.stubFor(get(urlPathEqualTo("/instagram/v25.0/c1")).inScenario("container").whenScenarioStateIs("ready")
                             .willReturn(okJson("{\"status_code\":\"FINISHED\"}")));
        fake.stubFor(post(urlPathEqualTo("/instagram/v25.0/17841400001/media_publish")).willReturn(okJson("{\"id\":\"m77\"}")));
        fake.stubFor(get(urlPathEqualTo("/instagram/v25.0/m77"))
                             .willReturn(okJson("{\"permalink\":\"https://www.instagram.com/p/Cabc/\"}")));

        assertThat(XPublishingTest.cycle().getInt("published")).isEqualTo(1);

        JsonNode container = JSON.readTree(fake.findAll(postRequestedFor(urlPathEqualTo("/instagram/v25.0/17841400001/media")))
                                                   .getFirst().getBodyAsString());
        assertThat(container.path("caption").asText()).isEqualTo(text);
        assertPullable(container.path("image_url").asText(), jpeg);
        assertThat(fake.findAll(getRequestedFor(urlPathEqualTo("/instagram/v25.0/c1")))).hasSize(2);
        assertThat(JSON.readTree(fake.findAll(postRequestedFor(urlPathEqualTo("/instagram/v25.0/17841400001/media_publish")))
                                         .getFirst().getBodyAsString()))
                .isEqualTo(JSON.readTree("{\"creation_id\":\"c1\"}"));
        JsonPath post = XPublishingTest.postOf(ig, postId);
        assertThat(post.getString("targets[0].platform_post_id")).isEqualTo("m77");
        assertThat(post.getString("targets[0].permalink")).isEqualTo("https://www.instagram.com/p/Cabc/");
    }

    @Test
    void instagramACarouselMixesAnImageAndAReelChildUnderOneParent() throws Exception {
        XPublishingTest.Account ig = instagramAccount("17841400004");
        String image = XPublishingTest.MediaUpload.of(ig.user(), TestFiles.jpeg(30, 24), "c1.jpg");
        String video = XPublishingTest.MediaUpload.of(ig.user(), TestFiles.mp4(6_000), "c2.mp4");
        String text = "Carousel " + UUID.randomUUID();
        String postId = XPublishingTest.duePost(ig, text, List.of(image, video));
        fake.stubFor(post(urlPathEqualTo("/instagram/v25.0/17841400004/media")).inScenario("carousel")
                             .whenScenarioStateIs(Scenario.STARTED).willReturn(okJson("{\"id\":\"k1\"}")).willSetStateTo("2"));
        fake.stubFor(post(urlPathEqualTo("/instagram/v25.0/17841400004/media")).inScenario("carousel")
                             .whenScenarioStateIs("2").willReturn(okJson("{\"id\":\"k2\"}")).willSetStateTo("3"));
        fake.stubFor(post(urlPathEqualTo("/instagram/v25.0/17841400004/media")).inScenario("carousel")
                             .whenScenarioStateIs("3").willReturn(okJson("{\"id\":\"parent\"}")));
        for (String container : new String[] {"k1", "k2", "parent"}) {
            fake.stubFor(get(urlPathEqualTo("/instagram/v25.0/" + container))
                                 .willReturn(okJson("{\"status_code\":\"FINISHED\"}")));
        }
        fake.stubFor(post(urlPathEqualTo("/instagram/v25.0/17841400004/media_publish")).willReturn(okJson("{\"id\":\"m5\"}")));
        fake.stubFor(get(urlPathEqualTo("/instagram/v25.0/m5"))
                             .willReturn(okJson("{\"permalink\":\"https://www.instagram.com/p/K5/\"}")));

        assertThat(XPublishingTest.cycle().getInt("published")).isEqualTo(1);

        List<LoggedRequest> containers = fake.findAll(postRequestedFor(urlPathEqualTo("/instagram/v25.0/17841400004/media")));
        JsonNode first = JSON.readTree(containers.get(0).getBodyAsString());
        JsonNode second = JSON.readTree(containers.get(1).getBodyAsString());
        JsonNode parent = JSON.readTree(containers.get(2).getBodyAsString());
        assertThat(first.path("is_carousel_item").asBoolean()).isTrue();
        assertThat(first.has("image_url")).isTrue();
        assertThat(second.path("media_type").asText()).isEqualTo("VIDEO");
        assertThat(second.has("video_url")).isTrue();
        assertThat(parent.path("media_type").asText()).isEqualTo("CAROUSEL");
        assertThat(parent.path("children").asText()).isEqualTo("k1,k2");
        assertThat(parent.path("caption").asText()).isEqualTo(text);
        assertThat(JSON.readTree(fake.findAll(postRequestedFor(urlPathEqualTo("/instagram/v25.0/17841400004/media_publish")))
                                         .getFirst().getBodyAsString()).path("creation_id").asText()).isEqualTo("parent");
        assertThat(XPublishingTest.postOf(ig, postId).getString("targets[0].platform_post_id")).isEqualTo("m5");
    }

    @Test
    void instagramAVideoIsPublishedAsAReel() throws Exception {
        XPublishingTest.Account ig = instagramAccount("17841400005");
        String video = XPublishingTest.MediaUpload.of(ig.user(), TestFiles.mp4(9_000), "reel.mp4");
        XPublishingTest.duePost(ig, "Reel " + UUID.randomUUID(), List.of(video));
        fake.stubFor(post(urlPathEqualTo("/instagram/v25.0/17841400005/media")).willReturn(okJson("{\"id\":\"r1\"}")));
        fake.stubFor(get(urlPathEqualTo("/instagram/v25.0/r1")).willReturn(okJson("{\"status_code\":\"FINISHED\"}")));
        fake.stubFor(post(urlPathEqualTo("/instagram/v25.0/17841400005/media_publish")).willReturn(okJson("{\"id\":\"m6\"}")));

        assertThat(XPublishingTest.cycle().getInt("published")).isEqualTo(1);
        JsonNode container = JSON.readTree(fake.findAll(postRequestedFor(urlPathEqualTo("/instagram/v25.0/17841400005/media")))
                                                   .getFirst().getBodyAsString());
        assertThat(container.path("media_type").asText()).isEqualTo("REELS");
        assertThat(container.has("is_carousel_item")).isFalse();
    }

    private void stubInstagramPublish(String ig, String container, String media) {
        fake.stubFor(post(urlPathEqualTo("/instagram/v25.0/" + ig + "/media"))
                             .willReturn(okJson("{\"id\":\"" + container + "\"}")));
        fake.stubFor(get(urlPathEqualTo("/instagram/v25.0/" + container))
                             .willReturn(okJson("{\"status_code\":\"FINISHED\"}")));
        fake.stubFor(post(urlPathEqualTo("/instagram/v25.0/" + ig + "/media_publish"))
                             .willReturn(okJson("{\"id\":\"" + media + "\"}")));
    }

    private JsonNode lastContainer(String ig) throws Exception {
        return JSON.readTree(fake.findAll(postRequestedFor(urlPathEqualTo("/instagram/v25.0/" + ig + "/media")))
                                     .getLast().getBodyAsString());
    }

    @Test
    void instagramAStoryIsOneMediaWithoutACaptionAndAReelTakesItsFeedAndCoverChoices() throws Exception {
        XPublishingTest.Account ig = instagramAccount("17841400006");
        byte[] storyBytes = TestFiles.jpeg(32, 40); // 4:5, the tallest Instagram takes in the feed
        String photo = XPublishingTest.MediaUpload.of(ig.user(), storyBytes, "story.jpg");
        String other = XPublishingTest.MediaUpload.of(ig.user(), TestFiles.jpeg(31, 40), "other.jpg");
        String video = XPublishingTest.MediaUpload.of(ig.user(), TestFiles.mp4(8_000), "reel.mp4");
        stubInstagramPublish("17841400006", "s1", "m61");

        // Rules that depend on the media: a story is one item and takes no comment; reel options need a reel.
        schedule(ig, List.of(photo, other), Map.of("as_story", true, "first_comment", "hi"), "scheduled")
                .statusCode(422).body("errors.rule", org.hamcrest.Matchers.containsInAnyOrder(
                        "story_one_media", "story_no_comment"));
        schedule(ig, List.of(photo), Map.of("share_to_feed", false), "scheduled").statusCode(422)
                .body("errors.rule", org.hamcrest.Matchers.contains("reel_only"));

        String story = XPublishingTest.duePost(ig, "Story " + UUID.randomUUID(), List.of(photo),
                                               Map.of("as_story", true));
        XPublishingTest.cycle();
        JsonNode container = lastContainer("17841400006");
        assertThat(container.path("media_type").asText()).isEqualTo("STORIES");
        assertPullable(container.path("image_url").asText(), storyBytes);
        assertThat(container.has("caption")).isFalse();
        assertThat(XPublishingTest.postOf(ig, story).getString("targets[0].status")).isEqualTo("published");

        XPublishingTest.duePost(ig, "Reel " + UUID.randomUUID(), List.of(video),
                                Map.of("share_to_feed", false, "reel_cover_offset_ms", 1500));
        XPublishingTest.cycle();
        JsonNode reel = lastContainer("17841400006");
        assertThat(reel.path("media_type").asText()).isEqualTo("REELS");
        assertThat(reel.path("share_to_feed").isBoolean()).isTrue();
        assertThat(reel.path("share_to_feed").asBoolean()).isFalse();
        assertThat(reel.path("thumb_offset").asLong()).isEqualTo(1500);
    }

    @Test
    void instagramAReelTakesACoverImageWhichItPullsAsAJpeg() throws Exception {
        XPublishingTest.Account ig = instagramAccount("17841400009");
        String video = XPublishingTest.MediaUpload.of(ig.user(), TestFiles.mp4(8_000), "reel.mp4");
        String cover = XPublishingTest.MediaUpload.of(ig.user(), TestFiles.png(90, 160), "cover.png");
        String photo = XPublishingTest.MediaUpload.of(ig.user(), TestFiles.jpeg(40, 40), "photo.jpg");
        XPublishingTest.Account other = instagramAccount("17841400010");
        String theirs = XPublishingTest.MediaUpload.of(other.user(), TestFiles.jpeg(40, 40), "theirs.jpg");

        schedule(ig, List.of(video), Map.of("reel_cover_media_id", theirs), "scheduled").statusCode(422)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("targets[0].options.reel_cover_media_id"))
                .body("errors[0].message", org.hamcrest.Matchers.equalTo("is not a media item of this workspace"));
        schedule(ig, List.of(video), Map.of("reel_cover_media_id", video), "scheduled").statusCode(422)
                .body("errors.rule", org.hamcrest.Matchers.contains("cover_image"));
        schedule(ig, List.of(photo), Map.of("reel_cover_media_id", cover), "scheduled").statusCode(422)
                .body("errors.rule", org.hamcrest.Matchers.contains("reel_only"));
        schedule(ig, List.of(video), Map.of("reel_cover_media_id", "cover.png"), "scheduled").statusCode(422)
                .body("errors.rule", org.hamcrest.Matchers.contains("option_value"));

        String reel = XPublishingTest.duePost(ig, "Reel " + UUID.randomUUID(), List.of(video),
                                              Map.of("reel_cover_media_id", cover));
        JsonPath view = XPublishingTest.postOf(ig, reel);
        assertThat(view.getString("targets[0].fitted_media[0].media_id")).isEqualTo(cover);
        assertThat(view.getList("targets[0].fitted_media[0].changes.change")).containsExactly("converted");
        Api.problem(Api.as(ig.user()).delete("/api/media/" + cover).then(), 409); // the scheduled reel needs it
        stubInstagramPublish("17841400009", "rc1", "m91");

        XPublishingTest.cycle();

        JsonNode container = lastContainer("17841400009");
        assertThat(container.path("media_type").asText()).isEqualTo("REELS");
        URI coverUrl = URI.create(container.path("cover_url").asText());
        assertThat(coverUrl.getPath()).startsWith("/api/public/media/" + cover + "/fitted/");
        byte[] pulled = given().urlEncodingEnabled(false).get(coverUrl.getRawPath() + "?" + coverUrl.getRawQuery())
                .then().statusCode(200).header("Content-Type", "image/jpeg").extract().asByteArray();
        java.awt.image.BufferedImage decoded = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(pulled));
        assertThat(decoded.getWidth()).isEqualTo(90);
        assertThat(decoded.getHeight()).isEqualTo(160);
        assertThat(container.has("thumb_offset")).isFalse();
        assertThat(XPublishingTest.postOf(ig, reel).getString("targets[0].status")).isEqualTo("published");
    }

    @Test
    void facebookOnePhotoIsPublishedDirectlyWithItsMessage() throws Exception {
        XPublishingTest.Account page = facebookPage("4004", FakePlatforms.SECRET_MARK + UUID.randomUUID());
        byte[] jpeg = TestFiles.jpeg(12, 12);
        String photo = XPublishingTest.MediaUpload.of(page.user(), jpeg, "one.jpg");
        String text = "One loaf " + UUID.randomUUID();
        String postId = XPublishingTest.duePost(page, text, List.of(photo));
        fake.stubFor(post(urlPathEqualTo("/facebook/v25.0/4004/photos"))
                             .willReturn(okJson("{\"id\":\"ph1\",\"post_id\":\"4004_77\"}")));

        assertThat(XPublishingTest.cycle().getInt("published")).isEqualTo(1);
        JsonNode body = JSON.readTree(fake.findAll(postRequestedFor(urlPathEqualTo("/facebook/v25.0/4004/photos")))
                                              .getFirst().getBodyAsString());
        assertThat(body.path("message").asText()).isEqualTo(text);
        assertThat(body.path("published").asBoolean()).isTrue();
        assertPullable(body.path("url").asText(), jpeg);
        fake.verify(0, postRequestedFor(urlPathEqualTo("/facebook/v25.0/4004/feed")));
        assertThat(XPublishingTest.postOf(page, postId).getString("targets[0].platform_post_id")).isEqualTo("4004_77");
    }

    @Test
    void instagramStuckInProgressFailsClearlyAfterBoundedPolling() throws Exception {
        XPublishingTest.Account ig = instagramAccount("17841400002");
        String m = XPublishingTest.MediaUpload.of(ig.user(), TestFiles.jpeg(30, 30), "stuck.jpg");
        String postId = XPublishingTest.duePost(ig, "Stuck " + UUID.randomUUID(), List.of(m));
        fake.stubFor(post(urlPathEqualTo("/instagram/v25.0/17841400002/media")).willReturn(okJson("{\"id\":\"c2\"}")));
        fake.stubFor(get(urlPathEqualTo("/instagram/v25.0/c2")).willReturn(okJson("{\"status_code\":\"IN_PROGRESS\"}")));

        XPublishingTest.cycle();

        assertThat(fake.findAll(getRequestedFor(urlPathEqualTo("/instagram/v25.0/c2")))).hasSize(4); // 1 + 3 polls
        fake.verify(0, postRequestedFor(urlPathEqualTo("/instagram/v25.0/17841400002/media_publish")));
        JsonPath post = XPublishingTest.postOf(ig, postId);
        assertThat(post.getString("targets[0].status")).isEqualTo("failed");
        assertThat(post.getString("targets[0].last_error.code")).isEqualTo("container_in_progress");
    }

    @Test
    void instagramAPublishTimeoutIsSettledByTheContainersStatus() throws Exception {
        XPublishingTest.Account ig = instagramAccount("17841400003");
        String m = XPublishingTest.MediaUpload.of(ig.user(), TestFiles.jpeg(33, 30), "t.jpg");
        String text = "Timed out " + UUID.randomUUID();
        String postId = XPublishingTest.duePost(ig, text, List.of(m));
        fake.stubFor(post(urlPathEqualTo("/instagram/v25.0/17841400003/media")).willReturn(okJson("{\"id\":\"c3\"}")));
        fake.stubFor(get(urlPathEqualTo("/instagram/v25.0/c3")).inScenario("c3").whenScenarioStateIs(Scenario.STARTED)
                             .willReturn(okJson("{\"status_code\":\"FINISHED\"}")).willSetStateTo("published"));
        fake.stubFor(get(urlPathEqualTo("/instagram/v25.0/c3")).inScenario("c3").whenScenarioStateIs("published")
                             .willReturn(okJson("{\"status_code\":\"PUBLISHED\"}")));
        fake.stubFor(post(urlPathEqualTo("/instagram/v25.0/17841400003/media_publish"))
                             .willReturn(okJson("{\"id\":\"m1\"}").withFixedDelay(3000)));
        fake.stubFor(get(urlPathEqualTo("/instagram/v25.0/17841400003/media"))
                             .willReturn(okJson("{\"data\":[{\"id\":\"m88\",\"caption\":\"" + text
                                                + "\",\"permalink\":\"https://www.instagram.com/p/Cxyz/\"}]}")));

        assertThat(XPublishingTest.cycle().getInt("published")).isEqualTo(1);

        fake.verify(1, postRequestedFor(urlPathEqualTo("/instagram/v25.0/17841400003/media_publish")));
        assertThat(XPublishingTest.postOf(ig, postId).getString("targets[0].platform_post_id")).isEqualTo("m88");
    }

    // ---- TikTok --------------------------------------------------------------------------------------------------

    static String envelope(String data) {
        return "{\"data\":" + data + ",\"error\":{\"code\":\"ok\",\"message\":\"\",\"log_id\":\"l1\"}}";
    }

    void stubCreatorInfo() {
        fake.stubFor(post(urlPathEqualTo("/tiktok/v2/post/publish/creator_info/query/")).willReturn(okJson(envelope(
                "{\"creator_username\":\"toker\",\"privacy_level_options\":[\"FOLLOWER_OF_CREATOR\",\"PUBLIC_TO_EVERYONE\","
                + "\"SELF_ONLY\"],\"max_video_post_duration_sec\":600}"))));
    }

    void stubCreatorInfo(String privacyLevels, boolean commentOff, boolean duetOff, boolean stitchOff,
                         int longestSeconds) {
        fake.stubFor(post(urlPathEqualTo("/tiktok/v2/post/publish/creator_info/query/")).willReturn(okJson(envelope(
                "{\"creator_username\":\"toker\",\"privacy_level_options\":" + privacyLevels
                + ",\"comment_disabled\":" + commentOff + ",\"duet_disabled\":" + duetOff
                + ",\"stitch_disabled\":" + stitchOff + ",\"max_video_post_duration_sec\":" + longestSeconds + "}"))));
    }

    static io.restassured.response.ValidatableResponse schedule(XPublishingTest.Account account, List<String> media,
                                                                Map<String, Object> options, String status) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("content", "Choices " + UUID.randomUUID());
        body.put("status", status);
        body.put("scheduled_at", java.time.Instant.now().plusSeconds(86_400).toString());
        body.put("targets", List.of(Map.of("connection_id", account.connectionId(), "options", options)));
        body.put("media_ids", media);
        return Api.as(account.user()).contentType("application/json").body(body).post("/api/posts").then();
    }

    @Test
    void tikTokSchedulingNeedsThePrivacyChoiceAndChecksEveryChoiceAgainstTheCreator() {
        XPublishingTest.Account tt = tikTokAccount();
        String video = XPublishingTest.MediaUpload.of(tt.user(), TestFiles.mp4(15_000), "long.mp4");
        stubCreatorInfo("[\"PUBLIC_TO_EVERYONE\",\"SELF_ONLY\"]", true, false, false, 10);

        // No default: the user must choose who can see the post.
        schedule(tt, List.of(video), Map.of(), "scheduled").statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItem("targets[0].options.privacy_level"))
                .body("errors.rule", org.hamcrest.Matchers.hasItem("option_required"));
        // Choices this creator cannot make now: a level not offered, comments they turned off, a video too long.
        schedule(tt, List.of(video), Map.of("privacy_level", "FOLLOWER_OF_CREATOR", "allow_comment", true),
                 "scheduled").statusCode(422)
                .body("errors.rule", org.hamcrest.Matchers.containsInAnyOrder(
                        "privacy_level_not_allowed", "interaction_disabled", "creator_video_duration"))
                .body("errors.find { it.rule == 'privacy_level_not_allowed' }.message",
                      org.hamcrest.Matchers.containsString("PUBLIC_TO_EVERYONE, SELF_ONLY"));
        // Rules of the options themselves: names, values, branded content never private.
        schedule(tt, List.of(video), Map.of("privacy_level", "SELF_ONLY", "disclose_branded_content", true,
                                            "stitch", true, "allow_duet", "yes"), "scheduled").statusCode(422)
                .body("errors.rule", org.hamcrest.Matchers.containsInAnyOrder(
                        "branded_content_private", "unknown_option", "option_value"))
                .body("errors.find { it.rule == 'unknown_option' }.field",
                      org.hamcrest.Matchers.equalTo("targets[0].options.stitch"));
        // A draft may leave the choice for later; the options it has are still checked.
        schedule(tt, List.of(video), Map.of(), "draft").statusCode(201)
                .body("targets[0].options", org.hamcrest.Matchers.anEmptyMap());
        schedule(tt, List.of(video), Map.of("privacy_level", "EVERYONE"), "draft").statusCode(422)
                .body("errors.rule", org.hamcrest.Matchers.contains("option_value"));
        // Each platform takes only its own options.
        XPublishingTest.Account x = XPublishingTest.connectX(fake);
        schedule(x, List.of(), Map.of("privacy_level", "SELF_ONLY"), "scheduled").statusCode(422)
                .body("errors.message", org.hamcrest.Matchers.contains("is not an option of x (first_comment, thread)"));
    }

    @Test
    void aDryRunShowsTheTikTokCreatorsSettingsAndWhatTheyRefuseWithoutStoringAnything() {
        XPublishingTest.Account tt = tikTokAccount();
        String video = XPublishingTest.MediaUpload.of(tt.user(), TestFiles.mp4(5_000), "clip.mp4");
        stubCreatorInfo("[\"FOLLOWER_OF_CREATOR\",\"SELF_ONLY\"]", false, true, false, 60);
        Map<String, Object> body = Map.of(
                "content", "Dry run", "scheduled_at", java.time.Instant.now().plusSeconds(86_400).toString(),
                "media_ids", List.of(video), "targets", List.of(Map.of(
                        "connection_id", tt.connectionId(),
                        "options", Map.of("privacy_level", "PUBLIC_TO_EVERYONE", "allow_duet", true))));

        Api.as(tt.user()).contentType("application/json").body(body).post("/api/posts/validate").then()
                .statusCode(200)
                .body("valid", org.hamcrest.Matchers.equalTo(false))
                .body("targets[0].creator.privacy_level_options",
                      org.hamcrest.Matchers.contains("FOLLOWER_OF_CREATOR", "SELF_ONLY"))
                .body("targets[0].creator.duet_disabled", org.hamcrest.Matchers.equalTo(true))
                .body("targets[0].creator.max_video_post_duration_sec", org.hamcrest.Matchers.equalTo(60))
                .body("targets[0].errors.rule", org.hamcrest.Matchers.containsInAnyOrder(
                        "privacy_level_not_allowed", "interaction_disabled"));
        Api.as(tt.user()).get("/api/posts").then().statusCode(200)
                .body("total_items", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void tikTokPublishesTheUsersChoicesAndKeepsOffWhatTheCreatorTurnedOffSince() throws Exception {
        XPublishingTest.Account tt = tikTokAccount();
        byte[] video = TestFiles.mp4(5_000);
        String v = XPublishingTest.MediaUpload.of(tt.user(), video, "clip.mp4");
        stubCreatorInfo("[\"PUBLIC_TO_EVERYONE\",\"SELF_ONLY\"]", false, false, false, 600);
        Map<String, Object> choices = Map.of("privacy_level", "SELF_ONLY", "allow_comment", true,
                                             "allow_stitch", true, "disclose_your_brand", true);
        String postId = XPublishingTest.duePost(tt, "Mine " + UUID.randomUUID(), List.of(v), choices);
        assertThat(XPublishingTest.postOf(tt, postId).getMap("targets[0].options")).isEqualTo(choices);
        stubCreatorInfo("[\"PUBLIC_TO_EVERYONE\",\"SELF_ONLY\"]", false, false, true, 600); // stitches off now
        fake.stubFor(post(urlPathEqualTo("/tiktok/v2/post/publish/video/init/"))
                             .willReturn(okJson(envelope("{\"publish_id\":\"v_pub~9\"}"))));
        fake.stubFor(post(urlPathEqualTo("/tiktok/v2/post/publish/status/fetch/")).willReturn(okJson(envelope(
                "{\"status\":\"PUBLISH_COMPLETE\",\"publicaly_available_post_id\":[\"7309\"]}"))));

        assertThat(XPublishingTest.cycle().getInt("published")).isEqualTo(1);

        JsonNode info = JSON.readTree(fake.findAll(postRequestedFor(urlPathEqualTo(
                "/tiktok/v2/post/publish/video/init/"))).getFirst().getBodyAsString()).path("post_info");
        assertThat(info.path("privacy_level").asText()).isEqualTo("SELF_ONLY");
        assertThat(info.path("disable_comment").asBoolean()).isFalse();
        assertThat(info.path("disable_duet").asBoolean()).isTrue();
        assertThat(info.path("disable_stitch").asBoolean()).isTrue();
        assertThat(info.path("brand_organic_toggle").asBoolean()).isTrue();
        assertThat(info.path("brand_content_toggle").asBoolean()).isFalse();
    }

    @Test
    void tikTokRefusesAPrivacyLevelTheCreatorNoLongerAllowsWithoutPosting() throws Exception {
        XPublishingTest.Account tt = tikTokAccount();
        String v = XPublishingTest.MediaUpload.of(tt.user(), TestFiles.mp4(5_000), "clip.mp4");
        stubCreatorInfo("[\"PUBLIC_TO_EVERYONE\",\"SELF_ONLY\"]", false, false, false, 600);
        String postId = XPublishingTest.duePost(tt, "Public " + UUID.randomUUID(), List.of(v), PUBLIC);
        stubCreatorInfo("[\"SELF_ONLY\"]", false, false, false, 600); // the account became private meanwhile

        XPublishingTest.cycle();

        JsonPath post = XPublishingTest.postOf(tt, postId);
        assertThat(post.getString("targets[0].status")).isEqualTo("failed");
        assertThat(post.getString("targets[0].last_error.code")).isEqualTo("privacy_level_option_mismatch");
        fake.verify(0, postRequestedFor(urlPathEqualTo("/tiktok/v2/post/publish/video/init/")));
    }

    @Test
    void theCatalogueDescribesEachPlatformsOptionsAsAJsonSchemaAndTikToksNotices() {
        JsonPath catalogue = Api.as(Api.register()).get("/api/platforms").then()
                .statusCode(200).extract().jsonPath();
        Map<String, Object> tiktok = catalogue.getMap("items.find { it.key == 'tiktok' }.options_schema");
        assertThat(tiktok).containsEntry("type", "object").containsEntry("additionalProperties", false)
                .containsEntry("x-required-to-schedule", List.of("privacy_level"));
        assertThat(catalogue.getList("items.find { it.key == 'tiktok' }.options_schema.properties.privacy_level.enum"))
                .containsExactly("PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "FOLLOWER_OF_CREATOR", "SELF_ONLY");
        assertThat(catalogue.getString("items.find { it.key == 'tiktok' }.options_schema.properties.allow_comment.type"))
                .isEqualTo("boolean");
        assertThat(catalogue.getList("items.find { it.key == 'tiktok' }.notices", String.class))
                .anyMatch(n -> n.contains("Music Usage Confirmation"));
        assertThat(catalogue.getMap("items.find { it.key == 'x' }.options_schema.properties"))
                .containsOnlyKeys("first_comment", "thread");
        assertThat(catalogue.getInt("items.find { it.key == 'linkedin' }.options_schema.properties.first_comment"
                                    + ".maxLength")).isEqualTo(1250);
    }

    @Test
    void tikTokPullsTheVideoAndPollsUntilPublished() throws Exception {
        XPublishingTest.Account tt = tikTokAccount();
        byte[] video = TestFiles.mp4(15_000);
        String v = XPublishingTest.MediaUpload.of(tt.user(), video, "dance.mp4");
        String text = "Dance " + UUID.randomUUID();
        String postId = XPublishingTest.duePost(tt, text, List.of(v), PUBLIC);
        stubCreatorInfo();
        fake.stubFor(post(urlPathEqualTo("/tiktok/v2/post/publish/video/init/"))
                             .willReturn(okJson(envelope("{\"publish_id\":\"v_pub_url~v2.1\"}"))));
        fake.stubFor(post(urlPathEqualTo("/tiktok/v2/post/publish/status/fetch/")).inScenario("tt")
                             .whenScenarioStateIs(Scenario.STARTED)
                             .willReturn(okJson(envelope("{\"status\":\"PROCESSING_DOWNLOAD\"}"))).willSetStateTo("done"));
        fake.stubFor(post(urlPathEqualTo("/tiktok/v2/post/publish/status/fetch/")).inScenario("tt").whenScenarioStateIs("done")
                             .willReturn(okJson(envelope("{\"status\":\"PUBLISH_COMPLETE\",\"publicaly_available_post_id\":[\"7300000000000000001\"]}"))));

        assertThat(XPublishingTest.cycle().getInt("published")).isEqualTo(1);

        JsonNode init = JSON.readTree(fake.findAll(postRequestedFor(urlPathEqualTo("/tiktok/v2/post/publish/video/init/")))
                                              .getFirst().getBodyAsString());
        assertThat(init.path("post_info").path("title").asText()).isEqualTo(text);
        assertThat(init.path("post_info").path("privacy_level").asText()).isEqualTo("PUBLIC_TO_EVERYONE");
        // Interactions and disclosures are off unless the user turned them on.
        assertThat(init.path("post_info").path("disable_comment").asBoolean()).isTrue();
        assertThat(init.path("post_info").path("disable_duet").asBoolean()).isTrue();
        assertThat(init.path("post_info").path("disable_stitch").asBoolean()).isTrue();
        assertThat(init.path("post_info").path("brand_content_toggle").asBoolean()).isFalse();
        assertThat(init.path("post_info").path("brand_organic_toggle").asBoolean()).isFalse();
        assertThat(init.path("source_info").path("source").asText()).isEqualTo("PULL_FROM_URL");
        assertPullable(init.path("source_info").path("video_url").asText(), video);
        List<LoggedRequest> polls = fake.findAll(postRequestedFor(urlPathEqualTo("/tiktok/v2/post/publish/status/fetch/")));
        assertThat(polls).hasSize(2);
        assertThat(JSON.readTree(polls.getFirst().getBodyAsString()))
                .isEqualTo(JSON.readTree("{\"publish_id\":\"v_pub_url~v2.1\"}"));
        JsonPath post = XPublishingTest.postOf(tt, postId);
        assertThat(post.getString("targets[0].platform_post_id")).isEqualTo("7300000000000000001");
        assertThat(post.getString("targets[0].permalink"))
                .isEqualTo("https://www.tiktok.com/@toker/video/7300000000000000001");
    }

    @Test
    void tikTokPhotosGoThroughContentInit() throws Exception {
        XPublishingTest.Account tt = tikTokAccount();
        String a = XPublishingTest.MediaUpload.of(tt.user(), TestFiles.jpeg(20, 30), "1.jpg");
        String b = XPublishingTest.MediaUpload.of(tt.user(), TestFiles.jpeg(21, 30), "2.jpg");
        String postId = XPublishingTest.duePost(tt, "Photos " + UUID.randomUUID(), List.of(a, b), PUBLIC);
        stubCreatorInfo();
        fake.stubFor(post(urlPathEqualTo("/tiktok/v2/post/publish/content/init/"))
                             .willReturn(okJson(envelope("{\"publish_id\":\"p_pub~1\"}"))));
        fake.stubFor(post(urlPathEqualTo("/tiktok/v2/post/publish/status/fetch/"))
                             .willReturn(okJson(envelope("{\"status\":\"PUBLISH_COMPLETE\",\"publicaly_available_post_id\":[\"7301\"]}"))));

        assertThat(XPublishingTest.cycle().getInt("published")).isEqualTo(1);
        JsonNode init = JSON.readTree(fake.findAll(postRequestedFor(urlPathEqualTo("/tiktok/v2/post/publish/content/init/")))
                                              .getFirst().getBodyAsString());
        assertThat(init.path("media_type").asText()).isEqualTo("PHOTO");
        assertThat(init.path("post_mode").asText()).isEqualTo("DIRECT_POST");
        assertThat(init.path("source_info").path("photo_images")).hasSize(2);
        assertThat(XPublishingTest.postOf(tt, postId).getString("targets[0].status")).isEqualTo("published");
    }

    @Test
    void tikTokFailedWithAReasonFailsTheTargetWithThatReason() throws Exception {
        XPublishingTest.Account tt = tikTokAccount();
        String v = XPublishingTest.MediaUpload.of(tt.user(), TestFiles.mp4(2_000), "short.mp4");
        String postId = XPublishingTest.duePost(tt, "Too short " + UUID.randomUUID(), List.of(v), PUBLIC);
        stubCreatorInfo();
        fake.stubFor(post(urlPathEqualTo("/tiktok/v2/post/publish/video/init/"))
                             .willReturn(okJson(envelope("{\"publish_id\":\"v_pub~2\"}"))));
        fake.stubFor(post(urlPathEqualTo("/tiktok/v2/post/publish/status/fetch/"))
                             .willReturn(okJson(envelope("{\"status\":\"FAILED\",\"fail_reason\":\"duration_check_failed\"}"))));

        XPublishingTest.cycle();

        JsonPath post = XPublishingTest.postOf(tt, postId);
        assertThat(post.getString("targets[0].status")).isEqualTo("failed");
        assertThat(post.getString("targets[0].last_error.code")).isEqualTo("duration_check_failed");
        fake.verify(1, postRequestedFor(urlPathEqualTo("/tiktok/v2/post/publish/video/init/")));
    }

    @Test
    void tikTokRecoveryAsksTheStatusOfTheRememberedPublishInsteadOfInitialisingAgain() throws Exception {
        XPublishingTest.Account tt = tikTokAccount();
        String v = XPublishingTest.MediaUpload.of(tt.user(), TestFiles.mp4(3_000), "r.mp4");
        String postId = XPublishingTest.duePost(tt, "Recovered " + UUID.randomUUID(), List.of(v), PUBLIC);
        String target = XPublishingTest.postOf(tt, postId).getString("targets[0].id");
        try (Connection c = Sql.connect()) {
            Sql.exec(c, "update post_platforms set status = 'publishing', lease_owner = 'instance-dead', attempts = 1,"
                        + " lease_expires_at = now() - interval '1 second', platform_checkpoint = 'publish_id:v_pub~9'"
                        + " where id = ?", UUID.fromString(target));
        }
        fake.stubFor(post(urlPathEqualTo("/tiktok/v2/post/publish/status/fetch/"))
                             .withRequestBody(WireMock.equalToJson("{\"publish_id\":\"v_pub~9\"}"))
                             .willReturn(okJson(envelope("{\"status\":\"PUBLISH_COMPLETE\",\"publicaly_available_post_id\":[\"7309\"]}"))));

        assertThat(XPublishingTest.cycle().getInt("published")).isEqualTo(1);
        fake.verify(0, postRequestedFor(urlPathEqualTo("/tiktok/v2/post/publish/video/init/")));
        assertThat(XPublishingTest.postOf(tt, postId).getString("targets[0].platform_post_id")).isEqualTo("7309");
    }
}
