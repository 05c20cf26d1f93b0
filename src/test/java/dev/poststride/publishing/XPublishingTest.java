package dev.poststride.publishing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.poststride.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.poststride.support.Api;
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
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Publishing to X against a WireMock fake: the exact requests, the stored ids and statuses, and every fault the
 * engine must survive without posting twice. Targets are made due by moving their time in the database, never by
 * waiting.
 */
@QuarkusTest
class XPublishingTest {

    static final String TRIGGER = "Bearer test-trigger-secret";
    static final ObjectMapper JSON = new ObjectMapper();

    @InjectFakePlatforms
    WireMockServer fake;

    record Account(Api.Account user, String connectionId, String xUserId, Tokens tokens) {
    }

    @BeforeEach
    void isolate() throws Exception {
        fake.resetAll();
        Sql.cancelOpenTargets();
    }

    Account connectX() {
        return connectX(fake);
    }

    /** A new user with an X account connected through the OAuth flow against {@code fake}. */
    static Account connectX(WireMockServer fake) {
        Api.Account user = Api.register();
        OAuthFlow.Started started = OAuthFlow.start(user, "x");
        String code = OAuthFlow.newCode();
        String xUserId = Long.toString(1_000_000 + (long) (Math.random() * 1_000_000_000L));
        Tokens tokens = PlatformStubs.xConnect(fake, code, xUserId, "stride_user");
        String id = OAuthFlow.callback("x", code, started.state()).then().statusCode(200).extract().path("id");
        return new Account(user, id, xUserId, tokens);
    }

    /** A post scheduled for the account, then made due now. Answers the post id. */
    static String duePost(Account account, String text, List<String> mediaIds) throws Exception {
        return duePost(account, text, mediaIds, Map.of());
    }

    /** A post to {@code account} with these target options, scheduled and then made due. */
    static String duePost(Account account, String text, List<String> mediaIds, Map<String, Object> options)
            throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("content", text);
        body.put("scheduled_at", Instant.now().plus(1, ChronoUnit.DAYS).toString());
        body.put("targets", List.of(Map.of("connection_id", account.connectionId(), "options", options)));
        body.put("media_ids", mediaIds);
        String id = as(account.user()).contentType(ContentType.JSON).body(body).post("/api/posts").then()
                .statusCode(201).extract().path("id");
        TimeTravel.makeDue(id);
        return id;
    }

    static JsonPath cycle() {
        return given().header("Authorization", TRIGGER).post("/api/internal/publish-cycle").then().statusCode(200)
                .extract().jsonPath();
    }

    static JsonPath postOf(Account account, String postId) {
        return as(account.user()).get("/api/posts/" + postId).then().statusCode(200).extract().jsonPath();
    }

    void stubCreate(String text, String postId) {
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets"))
                             .withRequestBody(WireMock.matchingJsonPath("$.text", WireMock.equalTo(text)))
                             .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                                                 .withBody("{\"data\":{\"id\":\"" + postId + "\",\"text\":\"" + text
                                                           + "\"}}")));
    }

    void stubTimeline(Account account, String... idAndTexts) {
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < idAndTexts.length; i += 2) {
            data.append(i == 0 ? "" : ",").append("{\"id\":\"").append(idAndTexts[i]).append("\",\"text\":\"")
                    .append(idAndTexts[i + 1]).append("\"}");
        }
        fake.stubFor(get(urlPathEqualTo("/x/2/users/" + account.xUserId() + "/tweets"))
                             .willReturn(okJson(idAndTexts.length == 0 ? "{\"meta\":{\"result_count\":0}}"
                                                        : "{\"data\":[" + data + "]}")));
    }

    /** X answers the create call with a 502 and cannot be asked what it has: the send's fate stays unknown. */
    void stubCreateAndLookupDown(Account account) {
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).willReturn(aResponse().withStatus(502)
                                                                             .withBody("<html>Bad Gateway</html>")));
        fake.stubFor(get(urlPathEqualTo("/x/2/users/" + account.xUserId() + "/tweets"))
                             .willReturn(aResponse().withStatus(503)));
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created(String json) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(json);
    }

    List<LoggedRequest> creates() {
        return fake.findAll(postRequestedFor(urlPathEqualTo("/x/2/tweets")));
    }

    @Test
    void aTextPostIsPublishedWithItsIdAndPermalink() throws Exception {
        Account x = connectX();
        String text = "Hello X " + UUID.randomUUID();
        String postId = duePost(x, text, List.of());
        stubCreate(text, "1445880548472328192");

        assertThat(cycle().getInt("published")).isEqualTo(1);

        LoggedRequest create = creates().getFirst();
        assertThat(create.getHeader("Authorization")).isEqualTo("Bearer " + x.tokens().access());
        assertThat(create.getHeader("Content-Type")).startsWith("application/json");
        assertThat(JSON.readTree(create.getBodyAsString())).isEqualTo(JSON.readTree("{\"text\":\"" + text + "\"}"));
        JsonPath answer = postOf(x, postId);
        assertThat(answer.getString("status")).isEqualTo("published");
        assertThat(answer.getString("published_at")).isNotNull();
        assertThat(answer.getString("targets[0].status")).isEqualTo("published");
        assertThat(answer.getString("targets[0].platform_post_id")).isEqualTo("1445880548472328192");
        assertThat(answer.getString("targets[0].permalink"))
                .isEqualTo("https://x.com/stride_user/status/1445880548472328192");
        assertThat(answer.getInt("targets[0].attempts")).isEqualTo(1);
        String target = answer.getString("targets[0].id");
        as(x.user()).get("/api/posts/" + postId + "/targets/" + target + "/attempts").then()
                .body("items[0].outcome", equalTo("published")).body("items[0].attempt", equalTo(1));
        assertThat(cycle().getInt("claimed")).isZero();
        assertThat(creates()).hasSize(1);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("poststride_publish_outcomes_total{outcome=\"published\",platform=\"x\"}")
                .contains("poststride_publish_lateness_seconds_count{platform=\"x\"}")
                .contains("poststride_publish_claim_batch_count")
                .contains("poststride_publish_in_flight")
                .contains("poststride_publish_overdue");
    }

    @Test
    void aMalformedSuccessAnswerIsCheckedNotTrusted() throws Exception {
        Account x = connectX();
        String text = "Garbled " + UUID.randomUUID();
        String postId = duePost(x, text, List.of());
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).willReturn(aResponse().withStatus(201)
                                                                             .withHeader("Content-Type", "application/json")
                                                                             .withBody("{\"data\": {\"id\": ")));
        stubTimeline(x, "6060", text);

        assertThat(cycle().getInt("published")).isEqualTo(1);
        assertThat(creates()).hasSize(1);
        assertThat(postOf(x, postId).getString("targets[0].platform_post_id")).isEqualTo("6060");
    }

    @Test
    void imagesAreUploadedInChunksAndAttachedInOrder() throws Exception {
        Account x = connectX();
        byte[] first = TestFiles.jpeg(64, 64); // several 4 KiB chunks
        byte[] second = TestFiles.png(8, 8);
        String firstId = MediaUpload.of(x.user(), first, "first.jpg");
        String secondId = MediaUpload.of(x.user(), second, "second.png");
        String text = "Two pictures " + UUID.randomUUID();
        String postId = duePost(x, text, List.of(firstId, secondId));
        stubMedia("img", null);
        stubCreate(text, "555");

        assertThat(cycle().getInt("published")).isEqualTo(1);

        List<LoggedRequest> inits = fake.findAll(postRequestedFor(urlPathEqualTo("/x/2/media/upload/initialize")));
        assertThat(inits).hasSize(2);
        assertThat(JSON.readTree(inits.get(0).getBodyAsString())).isEqualTo(JSON.readTree(
                "{\"media_type\":\"image/jpeg\",\"total_bytes\":" + first.length + ",\"media_category\":\"tweet_image\"}"));
        assertThat(JSON.readTree(inits.get(1).getBodyAsString()).path("media_type").asText()).isEqualTo("image/png");
        List<LoggedRequest> appends = fake.findAll(postRequestedFor(urlPathEqualTo("/x/2/media/upload/img-1/append")));
        assertThat(appends).hasSize((first.length + 4095) / 4096);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int i = 0; i < appends.size(); i++) {
            LoggedRequest append = appends.get(i);
            assertThat(append.getHeader("Content-Type")).startsWith("multipart/form-data");
            assertThat(append.getPart("segment_index").getBody().asString()).isEqualTo(Integer.toString(i));
            joined.write(append.getPart("media").getBody().asBytes());
        }
        assertThat(joined.toByteArray()).isEqualTo(first);
        fake.verify(1, postRequestedFor(urlPathEqualTo("/x/2/media/upload/img-1/finalize")));
        fake.verify(1, postRequestedFor(urlPathEqualTo("/x/2/media/upload/img-2/finalize")));
        assertThat(JSON.readTree(creates().getFirst().getBodyAsString())).isEqualTo(JSON.readTree(
                "{\"text\":\"" + text + "\",\"media\":{\"media_ids\":[\"img-1\",\"img-2\"]}}"));
        assertThat(postOf(x, postId).getString("targets[0].platform_post_id")).isEqualTo("555");
    }

    @Test
    void aVideoIsPolledUntilXHasProcessedIt() throws Exception {
        Account x = connectX();
        String video = MediaUpload.of(x.user(), TestFiles.mp4(10_000), "clip.mp4");
        String text = "A clip " + UUID.randomUUID();
        String postId = duePost(x, text, List.of(video));
        stubMedia("vid", "{\"state\":\"pending\",\"check_after_secs\":0}");
        fake.stubFor(get(urlPathEqualTo("/x/2/media/upload")).inScenario("processing")
                             .whenScenarioStateIs(Scenario.STARTED)
                             .willReturn(okJson("{\"data\":{\"id\":\"vid-1\",\"processing_info\":{\"state\":\"in_progress\","
                                                + "\"check_after_secs\":0,\"progress_percent\":40}}}"))
                             .willSetStateTo("done"));
        fake.stubFor(get(urlPathEqualTo("/x/2/media/upload")).inScenario("processing").whenScenarioStateIs("done")
                             .willReturn(okJson("{\"data\":{\"id\":\"vid-1\",\"processing_info\":{\"state\":\"succeeded\"}}}")));
        stubCreate(text, "777");

        assertThat(cycle().getInt("published")).isEqualTo(1);

        assertThat(JSON.readTree(fake.findAll(postRequestedFor(urlPathEqualTo("/x/2/media/upload/initialize")))
                                         .getFirst().getBodyAsString()).path("media_category").asText())
                .isEqualTo("tweet_video");
        List<LoggedRequest> polls = fake.findAll(getRequestedFor(urlPathEqualTo("/x/2/media/upload")));
        assertThat(polls).hasSize(2);
        assertThat(polls.getFirst().queryParameter("command").firstValue()).isEqualTo("STATUS");
        assertThat(polls.getFirst().queryParameter("media_id").firstValue()).isEqualTo("vid-1");
        assertThat(postOf(x, postId).getString("targets[0].status")).isEqualTo("published");
    }

    @Test
    void aRateLimitIsRetriedAfterTheResetAndNotBefore() throws Exception {
        Account x = connectX();
        String text = "Limited " + UUID.randomUUID();
        String postId = duePost(x, text, List.of());
        long reset = Instant.now().plus(10, ChronoUnit.MINUTES).getEpochSecond();
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                             .willReturn(aResponse().withStatus(429).withHeader("x-rate-limit-reset", Long.toString(reset))
                                                 .withHeader("x-rate-limit-remaining", "0")
                                                 .withHeader("Content-Type", "application/json")
                                                 .withBody("{\"title\":\"Too Many Requests\",\"status\":429}"))
                             .willSetStateTo("open"));
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).inScenario("limit").whenScenarioStateIs("open")
                             .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                                                 .withBody("{\"data\":{\"id\":\"9\",\"text\":\"x\"}}")));

        cycle();
        JsonPath waiting = postOf(x, postId);
        assertThat(waiting.getString("targets[0].status")).isEqualTo("pending");
        assertThat(Instant.parse(waiting.getString("targets[0].next_attempt_at")))
                .isEqualTo(Instant.ofEpochSecond(reset));
        assertThat(waiting.getString("targets[0].last_error.code")).isEqualTo("rate_limited");

        assertThat(cycle().getInt("claimed")).isZero(); // not before the reset
        assertThat(creates()).hasSize(1);

        TimeTravel.makeDue(postId); // the reset has passed
        assertThat(cycle().getInt("published")).isEqualTo(1);
        assertThat(creates()).hasSize(2);
        assertThat(postOf(x, postId).getInt("targets[0].attempts")).isEqualTo(2);
    }

    @Test
    void aServerErrorIsCheckedThenSentOnceMore() throws Exception {
        Account x = connectX();
        String text = "After a 503 " + UUID.randomUUID();
        String postId = duePost(x, text, List.of());
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).inScenario("5xx").whenScenarioStateIs(Scenario.STARTED)
                             .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "text/html")
                                                 .withBody("<html><body>Service Unavailable</body></html>"))
                             .willSetStateTo("up"));
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).inScenario("5xx").whenScenarioStateIs("up")
                             .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                                                 .withBody("{\"data\":{\"id\":\"10\",\"text\":\"x\"}}")));
        stubTimeline(x);

        assertThat(cycle().getInt("published")).isEqualTo(1);

        assertThat(creates()).hasSize(2);
        fake.verify(1, getRequestedFor(urlPathEqualTo("/x/2/users/" + x.xUserId() + "/tweets")));
        assertThat(postOf(x, postId).getString("targets[0].platform_post_id")).isEqualTo("10");
    }

    @Test
    void aTimeoutAfterThePostWasCreatedIsFoundNotResent() throws Exception {
        Account x = connectX();
        String text = "Slow but there " + UUID.randomUUID();
        String postId = duePost(x, text, List.of());
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets"))
                             .willReturn(aResponse().withStatus(201).withFixedDelay(3000)
                                                 .withHeader("Content-Type", "application/json")
                                                 .withBody("{\"data\":{\"id\":\"4242\",\"text\":\"x\"}}")));
        stubTimeline(x, "4242", text + " https://t.co/abc");

        assertThat(cycle().getInt("published")).isEqualTo(1);

        assertThat(creates()).hasSize(1);
        JsonPath answer = postOf(x, postId);
        assertThat(answer.getString("targets[0].platform_post_id")).isEqualTo("4242");
        assertThat(answer.getString("targets[0].status")).isEqualTo("published");
    }

    @Test
    void aTimeoutWithThePostAbsentIsSentOnceMore() throws Exception {
        Account x = connectX();
        String text = "Lost on the way " + UUID.randomUUID();
        String postId = duePost(x, text, List.of());
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
                             .willReturn(aResponse().withStatus(201).withFixedDelay(3000)
                                                 .withBody("{\"data\":{\"id\":\"1\"}}"))
                             .willSetStateTo("fast"));
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).inScenario("slow").whenScenarioStateIs("fast")
                             .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                                                 .withBody("{\"data\":{\"id\":\"2\",\"text\":\"x\"}}")));
        stubTimeline(x, "99", "something else entirely");

        assertThat(cycle().getInt("published")).isEqualTo(1);
        assertThat(creates()).hasSize(2);
        assertThat(postOf(x, postId).getString("targets[0].platform_post_id")).isEqualTo("2");
    }

    @Test
    void whenXCannotSayWhetherThePostExistsItLooksAgainLaterAndNeverResends() throws Exception {
        Account x = connectX();
        String text = "Unknown fate " + UUID.randomUUID();
        String postId = duePost(x, text, List.of());
        stubCreateAndLookupDown(x);

        cycle();

        assertThat(creates()).hasSize(1);
        JsonPath waiting = postOf(x, postId);
        assertThat(waiting.getString("targets[0].status")).isEqualTo("pending");
        assertThat(waiting.getString("targets[0].last_error.code")).isEqualTo("outcome_unchecked");
        assertThat(waiting.getBoolean("targets[0].last_error.retryable")).isTrue();

        // The look-up answers again and finds the post the 502 hid: published with its id, never sent twice.
        stubTimeline(x, "1777000000000000001", text);
        TimeTravel.makeDue(postId);
        cycle();
        assertThat(creates()).hasSize(1);
        JsonPath published = postOf(x, postId);
        assertThat(published.getString("targets[0].status")).isEqualTo("published");
        assertThat(published.getString("targets[0].platform_post_id")).isEqualTo("1777000000000000001");
    }

    @Test
    void aResendWithoutAnAnswerIsLookedForAgainLaterInsteadOfEndingUnknown() throws Exception {
        Account x = connectX();
        String text = "Landing late " + UUID.randomUUID();
        String postId = duePost(x, text, List.of());
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).willReturn(aResponse().withStatus(502)));
        stubTimeline(x);

        cycle();

        assertThat(creates()).hasSize(2);
        assertThat(postOf(x, postId).getString("targets[0].last_error.code")).isEqualTo("outcome_unchecked");
        stubTimeline(x, "1777000000000000002", text);
        TimeTravel.makeDue(postId);
        cycle();
        assertThat(creates()).hasSize(2);
        assertThat(postOf(x, postId).getString("targets[0].platform_post_id")).isEqualTo("1777000000000000002");
    }

    /** X answers a post whose text contains {@code marker} (and is not a reply to another marker) with {@code id}. */
    void stubPart(String marker, String id) {
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).withRequestBody(WireMock.containing(marker))
                             .willReturn(created("{\"data\":{\"id\":\"" + id + "\",\"text\":\"t\"}}")));
    }

    List<LoggedRequest> createsOf(String marker) {
        return creates().stream().filter(r -> r.getBodyAsString().contains(marker)).toList();
    }

    @Test
    void aThreadIsPostedAsAReplyChainAndListedPartByPart() throws Exception {
        Account x = connectX();
        String tag = UUID.randomUUID().toString();
        String postId = duePost(x, "One " + tag, List.of(), Map.of("thread", List.of("Two " + tag, "Three " + tag)));
        stubPart("One " + tag, "700");
        stubPart("Two " + tag, "701");
        stubPart("Three " + tag, "702");

        assertThat(cycle().getInt("published")).isEqualTo(1);

        assertThat(JSON.readTree(createsOf("One " + tag).getFirst().getBodyAsString()).has("reply")).isFalse();
        assertThat(JSON.readTree(createsOf("Two " + tag).getFirst().getBodyAsString()))
                .isEqualTo(JSON.readTree("{\"text\":\"Two " + tag + "\",\"reply\":{\"in_reply_to_tweet_id\":\"700\"}}"));
        assertThat(JSON.readTree(createsOf("Three " + tag).getFirst().getBodyAsString()).path("reply")
                           .path("in_reply_to_tweet_id").asText()).isEqualTo("701");
        JsonPath post = postOf(x, postId);
        assertThat(post.getString("targets[0].platform_post_id")).isEqualTo("700");
        assertThat(post.getList("targets[0].thread.platform_post_id")).containsExactly("700", "701", "702");
        assertThat(post.getString("targets[0].thread[2].permalink")).endsWith("/status/702");
    }

    @Test
    void aThreadRefusedMidwaySaysWhatIsLiveAndItsRetryContinuesAfterIt() throws Exception {
        Account x = connectX();
        String tag = UUID.randomUUID().toString();
        String postId = duePost(x, "One " + tag, List.of(), Map.of("thread", List.of("Two " + tag, "Three " + tag)));
        stubPart("One " + tag, "710");
        stubPart("Two " + tag, "711");
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).withRequestBody(WireMock.containing("Three " + tag))
                             .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                                                 .withBody("{\"detail\":\"This part breaks a rule\",\"status\":403}")));

        cycle();

        JsonPath failed = postOf(x, postId);
        assertThat(failed.getString("targets[0].status")).isEqualTo("failed");
        assertThat(failed.getString("targets[0].last_error.code")).isEqualTo("thread_incomplete");
        assertThat(failed.getString("targets[0].last_error.message")).contains("710, 711").contains("part 3");
        assertThat(failed.getList("targets[0].thread.platform_post_id")).containsExactly("710", "711");

        stubPart("Three " + tag, "712");
        as(x.user()).post("/api/posts/" + postId + "/targets/" + failed.getString("targets[0].id") + "/retry").then()
                .statusCode(202);
        cycle();

        assertThat(postOf(x, postId).getList("targets[0].thread.platform_post_id")).containsExactly("710", "711", "712");
        assertThat(createsOf("One " + tag)).hasSize(1);
        assertThat(createsOf("Two " + tag)).hasSize(1);
        assertThat(createsOf("Three " + tag)).hasSize(2);
    }

    @Test
    void aThreadPartWhoseAnswerIsLostIsFoundNotPostedAgain() throws Exception {
        Account x = connectX();
        String tag = UUID.randomUUID().toString();
        String postId = duePost(x, "One " + tag, List.of(), Map.of("thread", List.of("Two " + tag, "Three " + tag)));
        stubPart("One " + tag, "720");
        // Part two lands, but its answer comes after the read timeout; the account's posts show it.
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).withRequestBody(WireMock.containing("Two " + tag))
                             .willReturn(created("{\"data\":{\"id\":\"721\",\"text\":\"t\"}}").withFixedDelay(3000)));
        stubPart("Three " + tag, "722");
        stubTimeline(x, "721", "Two " + tag, "720", "One " + tag);

        cycle();

        assertThat(createsOf("Two " + tag)).hasSize(1);
        assertThat(createsOf("Three " + tag)).hasSize(1);
        JsonPath post = postOf(x, postId);
        assertThat(post.getString("targets[0].status")).isEqualTo("published");
        assertThat(post.getList("targets[0].thread.platform_post_id")).containsExactly("720", "721", "722");
    }

    @Test
    void aThreadPartCarriesItsOwnMediaUploadedBeforeItsReplyAndAgainOnlyForTheRetriedPart() throws Exception {
        Account x = connectX();
        String tag = UUID.randomUUID().toString();
        byte[] chart = TestFiles.jpeg(64, 48);
        String chartId = MediaUpload.of(x.user(), chart, "chart.jpg");
        String photoId = MediaUpload.of(x.user(), TestFiles.png(8, 8), "photo.png");
        String postId = duePost(x, "One " + tag, List.of(), Map.of("thread", List.of(
                Map.of("text", "Two " + tag, "media_ids", List.of(chartId)),
                Map.of("text", "Three " + tag, "media_ids", List.of(photoId, chartId)))));
        stubMedia("tm", null);
        stubPart("One " + tag, "730");
        stubPart("Two " + tag, "731");
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).withRequestBody(WireMock.containing("Three " + tag))
                             .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                                                 .withBody("{\"detail\":\"Not now\",\"status\":403}")));

        cycle(); // part three is refused: its media were uploaded, nothing of it was posted

        List<LoggedRequest> inits = fake.findAll(postRequestedFor(urlPathEqualTo("/x/2/media/upload/initialize")));
        assertThat(inits).hasSize(3); // the chart for part two, then the photo and the chart for part three
        assertThat(JSON.readTree(inits.get(0).getBodyAsString())).isEqualTo(JSON.readTree(
                "{\"media_type\":\"image/jpeg\",\"total_bytes\":" + chart.length
                + ",\"media_category\":\"tweet_image\"}"));
        assertThat(JSON.readTree(createsOf("One " + tag).getFirst().getBodyAsString()).has("media")).isFalse();
        assertThat(JSON.readTree(createsOf("Two " + tag).getFirst().getBodyAsString())).isEqualTo(JSON.readTree(
                "{\"text\":\"Two " + tag + "\",\"media\":{\"media_ids\":[\"tm-1\"]},"
                + "\"reply\":{\"in_reply_to_tweet_id\":\"730\"}}"));
        assertThat(JSON.readTree(createsOf("Three " + tag).getFirst().getBodyAsString()).path("media")
                           .path("media_ids").size()).isEqualTo(2);
        assertThat(postOf(x, postId).getList("targets[0].thread.platform_post_id")).containsExactly("730", "731");

        fake.resetRequests();
        stubPart("Three " + tag, "732");
        as(x.user()).post("/api/posts/" + postId + "/targets/" + postOf(x, postId).getString("targets[0].id")
                          + "/retry").then().statusCode(202);
        cycle();

        assertThat(postOf(x, postId).getList("targets[0].thread.platform_post_id"))
                .containsExactly("730", "731", "732");
        assertThat(createsOf("One " + tag)).isEmpty();
        assertThat(createsOf("Two " + tag)).isEmpty();
        assertThat(fake.findAll(postRequestedFor(urlPathEqualTo("/x/2/media/upload/initialize")))).hasSize(2);
        assertThat(JSON.readTree(createsOf("Three " + tag).getFirst().getBodyAsString()).path("reply")
                           .path("in_reply_to_tweet_id").asText()).isEqualTo("731");
    }

    @Test
    void aThreadPartsMediaMustBeTheWorkspacesAndMeetXsRulesForOnePost() throws Exception {
        Account x = connectX();
        Account other = connectX();
        String mine = MediaUpload.of(x.user(), TestFiles.jpeg(10, 10), "mine.jpg");
        String theirs = MediaUpload.of(other.user(), TestFiles.jpeg(10, 10), "theirs.jpg");
        String video = MediaUpload.of(x.user(), TestFiles.mp4Video(5_000, "avc1", 640, 360, 30), "clip.mp4");
        Map<String, Object> body = new HashMap<>();
        body.put("content", "Thread");
        body.put("scheduled_at", Instant.now().plus(1, ChronoUnit.DAYS).toString());
        body.put("targets", List.of(Map.of("connection_id", x.connectionId(), "options", Map.of("thread", List.of(
                Map.of("text", "theirs", "media_ids", List.of(mine, theirs)),
                Map.of("text", "mixed", "media_ids", List.of(mine, video)))))));
        Api.problem(as(x.user()).contentType(ContentType.JSON).body(body).post("/api/posts").then(), 422)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder(
                        "targets[0].options.thread[0].media_ids[1]", "targets[0].options.thread[1].media_ids"))
                .body("errors.find { it.field == 'targets[0].options.thread[0].media_ids[1]' }.message",
                      org.hamcrest.Matchers.equalTo("is not a media item of this workspace"))
                .body("errors.find { it.field == 'targets[0].options.thread[1].media_ids' }.rule",
                      org.hamcrest.Matchers.equalTo("mixed_media"));

        body.put("targets", List.of(Map.of("connection_id", x.connectionId(), "options", Map.of("thread", List.of(
                Map.of("text", "five", "media_ids", List.of(mine, mine, mine, mine, mine)),
                Map.of("text", "extra", "unknown", 1),
                Map.of("media_ids", List.of(mine)))))));
        Api.problem(as(x.user()).contentType(ContentType.JSON).body(body).post("/api/posts").then(), 422)
                .body("errors.field", org.hamcrest.Matchers.contains("targets[0].options.thread"))
                .body("errors[0].rule", org.hamcrest.Matchers.equalTo("option_value"));

        // Scheduled with a part's media, that media cannot be deleted until the post is published or cancelled.
        body.put("targets", List.of(Map.of("connection_id", x.connectionId(), "options", Map.of("thread", List.of(
                Map.of("text", "kept", "media_ids", List.of(mine)))))));
        String postId = as(x.user()).contentType(ContentType.JSON).body(body).post("/api/posts").then()
                .statusCode(201).extract().path("id");
        Api.problem(as(x.user()).delete("/api/media/" + mine).then(), 409);
        as(x.user()).post("/api/posts/" + postId + "/cancel").then().statusCode(200);
        as(x.user()).delete("/api/media/" + mine).then().statusCode(204);
    }

    @Test
    void aThreadsPartsAreCountedAsXCountsThemAndTakeNoFirstComment() throws Exception {
        Account x = connectX();
        Map<String, Object> body = new HashMap<>();
        body.put("content", "Thread");
        body.put("scheduled_at", Instant.now().plus(1, ChronoUnit.DAYS).toString());
        body.put("targets", List.of(Map.of("connection_id", x.connectionId(), "options", Map.of(
                "thread", List.of("ok", "漢".repeat(141)), "first_comment", "also"))));
        Api.problem(as(x.user()).contentType(ContentType.JSON).body(body).post("/api/posts").then(), 422)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder(
                        "targets[0].options.thread[1]", "targets[0].options.first_comment"))
                .body("errors.rule", org.hamcrest.Matchers.containsInAnyOrder("text_limit", "thread_with_comment"));
    }

    @Test
    void aFirstCommentIsAReplyToThePostAndItsFailureNeverFailsThePost() throws Exception {
        Account x = connectX();
        String postId = duePost(x, "Thread starter " + UUID.randomUUID(), List.of(),
                                Map.of("first_comment", "Details below 👇"));
        String failing = duePost(x, "Another " + UUID.randomUUID(), List.of(), Map.of("first_comment", "Refused"));
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).withRequestBody(WireMock.notContaining("in_reply_to"))
                             .withRequestBody(WireMock.containing("Thread starter"))
                             .willReturn(created("{\"data\":{\"id\":\"500\",\"text\":\"t\"}}")));
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).withRequestBody(WireMock.notContaining("in_reply_to"))
                             .withRequestBody(WireMock.containing("Another"))
                             .willReturn(created("{\"data\":{\"id\":\"600\",\"text\":\"t\"}}")));
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).withRequestBody(WireMock.containing("\"500\""))
                             .willReturn(created("{\"data\":{\"id\":\"501\",\"text\":\"t\"}}")));
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).withRequestBody(WireMock.containing("\"600\""))
                             .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                                                 .withBody("{\"title\":\"Forbidden\",\"detail\":\"Reply to this"
                                                           + " conversation is not allowed\",\"status\":403}")));

        cycle();

        JsonNode reply = JSON.readTree(creates().stream().filter(r -> r.getBodyAsString().contains("\"500\""))
                                               .findFirst().orElseThrow().getBodyAsString());
        assertThat(reply).isEqualTo(JSON.readTree("{\"text\":\"Details below 👇\","
                                                  + "\"reply\":{\"in_reply_to_tweet_id\":\"500\"}}"));
        JsonPath posted = postOf(x, postId);
        assertThat(posted.getString("targets[0].first_comment.status")).isEqualTo("posted");
        assertThat(posted.getString("targets[0].first_comment.platform_comment_id")).isEqualTo("501");
        JsonPath refused = postOf(x, failing);
        assertThat(refused.getString("status")).isEqualTo("published");
        assertThat(refused.getString("targets[0].platform_post_id")).isEqualTo("600");
        assertThat(refused.getString("targets[0].first_comment.status")).isEqualTo("failed");
        assertThat(refused.getString("targets[0].first_comment.error")).contains("not allowed");

        // Publishing again (another cycle) never posts the comment a second time.
        cycle();
        assertThat(creates()).hasSize(4);
    }

    @Test
    void aSendThatMayHaveLandedOnAnAccountThatLostItsGrantEndsUnknownNotAsNeverPublished() throws Exception {
        Account x = connectX();
        String postId = duePost(x, "Maybe out " + UUID.randomUUID(), List.of());
        stubCreateAndLookupDown(x);
        cycle();
        assertThat(postOf(x, postId).getString("targets[0].last_error.code")).isEqualTo("outcome_unchecked");

        // Meanwhile another publish of the account met a 401: the connection needs reconnecting.
        try (Connection c = Sql.connect()) {
            Sql.exec(c, "update user_platforms set status = 'needs_reauth' where id = ?",
                     UUID.fromString(x.connectionId()));
        }
        TimeTravel.makeDue(postId);
        cycle();

        JsonPath answer = postOf(x, postId);
        assertThat(answer.getString("targets[0].status")).isEqualTo("failed");
        assertThat(answer.getString("targets[0].last_error.code")).isEqualTo("outcome_unknown");
        assertThat(answer.getString("targets[0].last_error.message")).contains("connected again");
        assertThat(creates()).hasSize(1);
    }

    @Test
    void whenXNeverSaysWhetherThePostExistsTheLastAttemptEndsItAsOutcomeUnknown() throws Exception {
        Account x = connectX();
        String postId = duePost(x, "Never told " + UUID.randomUUID(), List.of());
        stubCreateAndLookupDown(x);

        for (int attempt = 0; attempt < 10 && postOf(x, postId).getString("targets[0].status").equals("pending");
             attempt++) {
            TimeTravel.makeDue(postId);
            cycle();
        }

        assertThat(creates()).hasSize(1);
        JsonPath answer = postOf(x, postId);
        assertThat(answer.getString("targets[0].status")).isEqualTo("failed");
        assertThat(answer.getString("targets[0].last_error.code")).isEqualTo("outcome_unknown");
        assertThat(answer.getBoolean("targets[0].last_error.retryable")).isFalse();
        assertThat(answer.getInt("targets[0].attempts")).isEqualTo(5);
        assertThat(answer.getString("status")).isEqualTo("failed");
    }

    @Test
    void duplicateContentFailsTheTargetWithAClearMessage() throws Exception {
        Account x = connectX();
        String postId = duePost(x, "Said it before " + UUID.randomUUID(), List.of());
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"detail\":\"You are not allowed to create a Tweet with duplicate content.\","
                          + "\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403}")));

        cycle();

        JsonPath answer = postOf(x, postId);
        assertThat(answer.getString("targets[0].status")).isEqualTo("failed");
        assertThat(answer.getString("targets[0].last_error.code")).isEqualTo("duplicate_content");
        assertThat(answer.getString("targets[0].last_error.message")).contains("exactly this text");
        assertThat(creates()).hasSize(1);
    }

    @Test
    void anExpiredTokenIsRefreshedOnceAndThePostGoesOut() throws Exception {
        Account x = connectX();
        String text = "After refresh " + UUID.randomUUID();
        String postId = duePost(x, text, List.of());
        Tokens renewed = Tokens.fresh("x");
        PlatformStubs.xRefresh(fake, x.tokens().refresh(), renewed);
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets"))
                             .withHeader("Authorization", WireMock.equalTo("Bearer " + x.tokens().access()))
                             .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                                                 .withBody("{\"title\":\"Unauthorized\",\"status\":401}")));
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets"))
                             .withHeader("Authorization", WireMock.equalTo("Bearer " + renewed.access()))
                             .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                                                 .withBody("{\"data\":{\"id\":\"31\",\"text\":\"x\"}}")));

        assertThat(cycle().getInt("published")).isEqualTo(1);
        fake.verify(1, postRequestedFor(urlPathEqualTo("/x/2/oauth2/token"))
                .withRequestBody(WireMock.containing("grant_type=refresh_token")));
        assertThat(creates()).hasSize(2);
        assertThat(postOf(x, postId).getString("targets[0].platform_post_id")).isEqualTo("31");
    }

    @Test
    void aRevokedGrantFailsTheTargetAndAsksForReconnection() throws Exception {
        Account x = connectX();
        String postId = duePost(x, "Revoked " + UUID.randomUUID(), List.of());
        PlatformStubs.xRefreshRejected(fake, x.tokens().refresh(), "invalid_grant");
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).willReturn(aResponse().withStatus(401)));

        cycle();

        JsonPath answer = postOf(x, postId);
        assertThat(answer.getString("targets[0].status")).isEqualTo("failed");
        assertThat(answer.getString("targets[0].last_error.code")).isEqualTo("auth_revoked");
        as(x.user()).get("/api/platforms/connected").then().body("items[0].status", equalTo("needs_reauth"));
    }

    @Test
    void aTargetWhoseInstanceDiedMidPublishIsRecoveredWithoutADuplicate() throws Exception {
        Account x = connectX();
        String text = "Half sent " + UUID.randomUUID();
        String postId = duePost(x, text, List.of());
        String target = postOf(x, postId).getString("targets[0].id");
        try (Connection c = Sql.connect()) {
            // What a dead instance leaves behind: the target leased to it, the lease run out, an attempt begun.
            Sql.exec(c, "update post_platforms set status = 'publishing', lease_owner = 'instance-dead',"
                        + " lease_expires_at = now() - interval '1 second', attempts = 1 where id = ?",
                     UUID.fromString(target));
            Sql.exec(c, "insert into publish_attempts (id, post_platform_id, attempt, started_at)"
                        + " values (?, ?, 1, now() - interval '6 minutes')", UUID.randomUUID(), UUID.fromString(target));
        }
        stubTimeline(x, "8080", text); // the dead instance's request did reach X

        assertThat(cycle().getInt("published")).isEqualTo(1);

        assertThat(creates()).isEmpty();
        JsonPath answer = postOf(x, postId);
        assertThat(answer.getString("targets[0].platform_post_id")).isEqualTo("8080");
        assertThat(answer.getInt("targets[0].attempts")).isEqualTo(2);
    }

    void stubMedia(String prefix, String processingInfo) {
        fake.stubFor(post(urlPathEqualTo("/x/2/media/upload/initialize")).inScenario("ids-" + prefix)
                             .whenScenarioStateIs(Scenario.STARTED)
                             .willReturn(okJson("{\"data\":{\"id\":\"" + prefix + "-1\",\"media_key\":\"3_1\"}}"))
                             .willSetStateTo("second"));
        fake.stubFor(post(urlPathEqualTo("/x/2/media/upload/initialize")).inScenario("ids-" + prefix)
                             .whenScenarioStateIs("second")
                             .willReturn(okJson("{\"data\":{\"id\":\"" + prefix + "-2\",\"media_key\":\"3_2\"}}")));
        fake.stubFor(post(urlPathMatching("/x/2/media/upload/[^/]+/append")).willReturn(aResponse().withStatus(204)));
        fake.stubFor(post(urlPathMatching("/x/2/media/upload/([^/]+)/finalize"))
                             .willReturn(okJson("{\"data\":{\"id\":\"m\",\"size\":1" + (processingInfo == null ? ""
                                     : ",\"processing_info\":" + processingInfo) + "}}")));
    }

    /** Uploads through the API, as a user would. */
    static final class MediaUpload {
        static String of(Api.Account user, byte[] bytes, String name) {
            return as(user).multiPart("file", name, bytes, "application/octet-stream").post("/api/media").then()
                    .statusCode(201).extract().path("id");
        }
    }

    static List<String> ids(List<LoggedRequest> requests) {
        List<String> ids = new ArrayList<>();
        requests.forEach(r -> ids.add(r.getUrl()));
        return ids;
    }

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
