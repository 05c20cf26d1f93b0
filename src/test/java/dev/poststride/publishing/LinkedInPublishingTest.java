package dev.poststride.publishing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

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
import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Publishing to LinkedIn against a WireMock fake of the versioned REST API. */
@QuarkusTest
class LinkedInPublishingTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @InjectFakePlatforms
    WireMockServer fake;

    XPublishingTest.Account account;

    @BeforeEach
    void connect() throws Exception {
        fake.resetAll();
        Sql.cancelOpenTargets();
        Api.Account user = Api.register();
        OAuthFlow.Started started = OAuthFlow.start(user, "linkedin");
        String code = OAuthFlow.newCode();
        Tokens tokens = PlatformStubs.linkedInConnect(fake, code, "782bbtaQ", true);
        String id = OAuthFlow.callback("linkedin", code, started.state()).then().statusCode(200).extract().path("id");
        account = new XPublishingTest.Account(user, id, "782bbtaQ", tokens);
    }

    void stubCreate(String urn) {
        fake.stubFor(post(urlPathEqualTo("/linkedin/rest/posts"))
                             .withHeader("LinkedIn-Version", WireMock.equalTo("202606"))
                             .withHeader("X-Restli-Protocol-Version", WireMock.equalTo("2.0.0"))
                             .willReturn(aResponse().withStatus(201).withHeader("x-restli-id", urn)));
    }

    List<LoggedRequest> creates() {
        return fake.findAll(postRequestedFor(urlPathEqualTo("/linkedin/rest/posts")));
    }

    @Test
    void aTextPostCarriesTheVersionHeadersAndTheEscapedCommentary() throws Exception {
        String postId = XPublishingTest.duePost(account, "Launch (beta) — read *this*", List.of());
        stubCreate("urn:li:share:7141138937766391808");

        assertThat(XPublishingTest.cycle().getInt("published")).isEqualTo(1);

        LoggedRequest create = creates().getFirst();
        assertThat(create.getHeader("Authorization")).isEqualTo("Bearer " + account.tokens().access());
        assertThat(JSON.readTree(create.getBodyAsString())).isEqualTo(JSON.readTree("""
                {"author":"urn:li:person:782bbtaQ","commentary":"Launch \\\\(beta\\\\) — read \\\\*this\\\\*",
                 "visibility":"PUBLIC","distribution":{"feedDistribution":"MAIN_FEED","targetEntities":[],
                 "thirdPartyDistributionChannels":[]},"lifecycleState":"PUBLISHED","isReshareDisabledByAuthor":false}
                """));
        JsonPath post = XPublishingTest.postOf(account, postId);
        assertThat(post.getString("targets[0].platform_post_id")).isEqualTo("urn:li:share:7141138937766391808");
        assertThat(post.getString("targets[0].permalink"))
                .isEqualTo("https://www.linkedin.com/feed/update/urn:li:share:7141138937766391808/");
    }

    @Test
    void oneImageIsUploadedWithItsAltTextAndPostedAsMedia() throws Exception {
        byte[] jpeg = TestFiles.jpeg(24, 18);
        String image = dev.poststride.support.Api.as(account.user()).multiPart("file", "one.jpg", jpeg, "image/jpeg")
                .multiPart("alt_text", "A red door").post("/api/media").then().statusCode(201).extract().path("id");
        String postId = XPublishingTest.duePost(account, "One picture " + UUID.randomUUID(), List.of(image));
        fake.stubFor(post(urlPathEqualTo("/linkedin/rest/images")).withQueryParam("action", WireMock.equalTo("initializeUpload"))
                             .willReturn(okJson("{\"value\":{\"uploadUrl\":\"" + fake.baseUrl()
                                                + "/linkedin-uploads/single\",\"image\":\"urn:li:image:S1\"}}")));
        fake.stubFor(put(urlPathEqualTo("/linkedin-uploads/single")).willReturn(aResponse().withStatus(201)));
        stubCreate("urn:li:share:3");

        assertThat(XPublishingTest.cycle().getInt("published")).isEqualTo(1);

        LoggedRequest upload = fake.findAll(putRequestedFor(urlPathEqualTo("/linkedin-uploads/single"))).getFirst();
        assertThat(upload.getBody()).isEqualTo(jpeg);
        assertThat(upload.getHeader("Content-Type")).isEqualTo("image/jpeg");
        assertThat(JSON.readTree(creates().getFirst().getBodyAsString()).path("content"))
                .isEqualTo(JSON.readTree("{\"media\":{\"id\":\"urn:li:image:S1\",\"altText\":\"A red door\"}}"));
        assertThat(XPublishingTest.postOf(account, postId).getString("targets[0].platform_post_id"))
                .isEqualTo("urn:li:share:3");
    }

    /** The Documents API's initializeUpload answering {@code document}, and its upload URL taking the PUT. */
    private void stubDocumentUpload(String uploadPath, String document) {
        fake.stubFor(post(urlPathEqualTo("/linkedin/rest/documents"))
                             .withQueryParam("action", WireMock.equalTo("initializeUpload"))
                             .willReturn(okJson("{\"value\":{\"uploadUrl\":\"" + fake.baseUrl() + "/linkedin-uploads/"
                                                + uploadPath + "\",\"document\":\"" + document + "\"}}")));
        fake.stubFor(put(urlPathEqualTo("/linkedin-uploads/" + uploadPath)).willReturn(aResponse().withStatus(201)));
    }

    @Test
    void aPdfIsPublishedAsADocumentPostUnderItsTitle() throws Exception {
        byte[] pdf = ("%PDF-1.7\n% twelve slides " + UUID.randomUUID() + "\n").getBytes();
        String document = XPublishingTest.MediaUpload.of(account.user(), pdf, "Q3 results.pdf");
        String titled = XPublishingTest.duePost(account, "Our quarter " + UUID.randomUUID(), List.of(document),
                                                Map.of("document_title", "Q3 in 12 slides"));
        stubDocumentUpload("doc", "urn:li:document:D1");
        stubCreate("urn:li:share:31");

        assertThat(XPublishingTest.cycle().getInt("published")).isEqualTo(1);

        assertThat(JSON.readTree(fake.findAll(postRequestedFor(urlPathEqualTo("/linkedin/rest/documents")))
                                         .getFirst().getBodyAsString()))
                .isEqualTo(JSON.readTree("{\"initializeUploadRequest\":{\"owner\":\"urn:li:person:782bbtaQ\"}}"));
        LoggedRequest upload = fake.findAll(putRequestedFor(urlPathEqualTo("/linkedin-uploads/doc"))).getFirst();
        assertThat(upload.getBody()).isEqualTo(pdf);
        assertThat(upload.getHeader("Content-Type")).isEqualTo("application/pdf");
        assertThat(JSON.readTree(creates().getFirst().getBodyAsString()).path("content")).isEqualTo(JSON.readTree(
                "{\"media\":{\"id\":\"urn:li:document:D1\",\"title\":\"Q3 in 12 slides\"}}"));
        assertThat(XPublishingTest.postOf(account, titled).getString("targets[0].status")).isEqualTo("published");

        // Without a title option, the file's name is the title.
        XPublishingTest.duePost(account, "Untitled " + UUID.randomUUID(), List.of(document));
        XPublishingTest.cycle();
        assertThat(JSON.readTree(creates().getLast().getBodyAsString()).path("content").path("media").path("title")
                           .asText()).isEqualTo("Q3 results");
    }

    @Test
    void aPowerPointDeckIsPublishedAsADocumentPostWithItsOwnType() throws Exception {
        byte[] deck = TestFiles.pptx();
        String document = XPublishingTest.MediaUpload.of(account.user(), deck, "Roadmap 2027.pptx");
        XPublishingTest.duePost(account, "Our roadmap " + UUID.randomUUID(), List.of(document));
        stubDocumentUpload("deck", "urn:li:document:P1");
        stubCreate("urn:li:share:32");

        assertThat(XPublishingTest.cycle().getInt("published")).isEqualTo(1);

        LoggedRequest upload = fake.findAll(putRequestedFor(urlPathEqualTo("/linkedin-uploads/deck"))).getFirst();
        assertThat(upload.getBody()).isEqualTo(deck);
        assertThat(upload.getHeader("Content-Type"))
                .isEqualTo("application/vnd.openxmlformats-officedocument.presentationml.presentation");
        assertThat(JSON.readTree(creates().getFirst().getBodyAsString()).path("content")).isEqualTo(JSON.readTree(
                "{\"media\":{\"id\":\"urn:li:document:P1\",\"title\":\"Roadmap 2027\"}}"));
    }

    @Test
    void severalImagesAreUploadedAndPostedAsAMultiImage() throws Exception {
        byte[] first = TestFiles.jpeg(20, 20);
        byte[] second = TestFiles.png(9, 9);
        String a = XPublishingTest.MediaUpload.of(account.user(), first, "a.jpg");
        String b = XPublishingTest.MediaUpload.of(account.user(), second, "b.png");
        String postId = XPublishingTest.duePost(account, "Gallery " + UUID.randomUUID(), List.of(a, b));
        String upload = fake.baseUrl() + "/linkedin-uploads/";
        fake.stubFor(post(urlPathEqualTo("/linkedin/rest/images")).withQueryParam("action", WireMock.equalTo("initializeUpload"))
                             .inScenario("images").whenScenarioStateIs(Scenario.STARTED)
                             .willReturn(okJson("{\"value\":{\"uploadUrl\":\"" + upload + "img1?sig=1\",\"image\":\"urn:li:image:C1\"}}"))
                             .willSetStateTo("two"));
        fake.stubFor(post(urlPathEqualTo("/linkedin/rest/images")).inScenario("images").whenScenarioStateIs("two")
                             .willReturn(okJson("{\"value\":{\"uploadUrl\":\"" + upload + "img2?sig=2\",\"image\":\"urn:li:image:C2\"}}")));
        fake.stubFor(put(urlPathMatching("/linkedin-uploads/.*")).willReturn(aResponse().withStatus(201)));
        stubCreate("urn:li:share:1");

        assertThat(XPublishingTest.cycle().getInt("published")).isEqualTo(1);

        assertThat(fake.findAll(putRequestedFor(urlPathEqualTo("/linkedin-uploads/img1"))).getFirst().getBody())
                .isEqualTo(first);
        assertThat(fake.findAll(putRequestedFor(urlPathEqualTo("/linkedin-uploads/img2"))).getFirst().getBody())
                .isEqualTo(second);
        assertThat(JSON.readTree(fake.findAll(postRequestedFor(urlPathEqualTo("/linkedin/rest/images"))).getFirst()
                                         .getBodyAsString()))
                .isEqualTo(JSON.readTree("{\"initializeUploadRequest\":{\"owner\":\"urn:li:person:782bbtaQ\"}}"));
        assertThat(JSON.readTree(creates().getFirst().getBodyAsString()).path("content"))
                .isEqualTo(JSON.readTree("{\"multiImage\":{\"images\":[{\"id\":\"urn:li:image:C1\"},{\"id\":\"urn:li:image:C2\"}]}}"));
        assertThat(XPublishingTest.postOf(account, postId).getString("status")).isEqualTo("published");
    }

    @Test
    void aVideoIsUploadedInItsPartsWithTheirEtagsAndAwaited() throws Exception {
        byte[] video = TestFiles.mp4(4_000);
        String v = XPublishingTest.MediaUpload.of(account.user(), video, "v.mp4");
        String postId = XPublishingTest.duePost(account, "A video " + UUID.randomUUID(), List.of(v));
        String upload = fake.baseUrl() + "/linkedin-uploads/";
        int half = video.length / 2;
        fake.stubFor(post(urlPathEqualTo("/linkedin/rest/videos")).withQueryParam("action", WireMock.equalTo("initializeUpload"))
                             .willReturn(okJson("{\"value\":{\"video\":\"urn:li:video:V1\",\"uploadToken\":\"\","
                                                + "\"uploadInstructions\":[{\"uploadUrl\":\"" + upload + "p1\",\"firstByte\":0,"
                                                + "\"lastByte\":" + (half - 1) + "},{\"uploadUrl\":\"" + upload + "p2\","
                                                + "\"firstByte\":" + half + ",\"lastByte\":" + (video.length - 1) + "}]}}")));
        fake.stubFor(put(urlPathEqualTo("/linkedin-uploads/p1")).willReturn(aResponse().withStatus(200).withHeader("etag", "e-1")));
        fake.stubFor(put(urlPathEqualTo("/linkedin-uploads/p2")).willReturn(aResponse().withStatus(200).withHeader("etag", "e-2")));
        fake.stubFor(post(urlPathEqualTo("/linkedin/rest/videos")).withQueryParam("action", WireMock.equalTo("finalizeUpload"))
                             .willReturn(aResponse().withStatus(200)));
        fake.stubFor(get(urlPathMatching("/linkedin/rest/videos/.*")).inScenario("video").whenScenarioStateIs(Scenario.STARTED)
                             .willReturn(okJson("{\"status\":\"PROCESSING\"}")).willSetStateTo("ready"));
        fake.stubFor(get(urlPathMatching("/linkedin/rest/videos/.*")).inScenario("video").whenScenarioStateIs("ready")
                             .willReturn(okJson("{\"status\":\"AVAILABLE\"}")));
        stubCreate("urn:li:share:2");

        assertThat(XPublishingTest.cycle().getInt("published")).isEqualTo(1);

        byte[] joined = concat(fake.findAll(putRequestedFor(urlPathEqualTo("/linkedin-uploads/p1"))).getFirst().getBody(),
                               fake.findAll(putRequestedFor(urlPathEqualTo("/linkedin-uploads/p2"))).getFirst().getBody());
        assertThat(joined).isEqualTo(video);
        assertThat(JSON.readTree(fake.findAll(postRequestedFor(urlPathEqualTo("/linkedin/rest/videos"))
                                                      .withQueryParam("action", WireMock.equalTo("finalizeUpload")))
                                         .getFirst().getBodyAsString()))
                .isEqualTo(JSON.readTree("{\"finalizeUploadRequest\":{\"video\":\"urn:li:video:V1\",\"uploadToken\":\"\","
                                         + "\"uploadedPartIds\":[\"e-1\",\"e-2\"]}}"));
        assertThat(JSON.readTree(creates().getFirst().getBodyAsString()).path("content"))
                .isEqualTo(JSON.readTree("{\"media\":{\"id\":\"urn:li:video:V1\"}}"));
        assertThat(XPublishingTest.postOf(account, postId).getString("targets[0].status")).isEqualTo("published");
    }

    @Test
    void aTimeoutThenDuplicatePostOnTheResendMeansTheFirstLanded() throws Exception {
        String postId = XPublishingTest.duePost(account, "Landed anyway " + UUID.randomUUID(), List.of());
        fake.stubFor(post(urlPathEqualTo("/linkedin/rest/posts")).inScenario("dup").whenScenarioStateIs(Scenario.STARTED)
                             .willReturn(aResponse().withStatus(201).withFixedDelay(3000).withHeader("x-restli-id", "x"))
                             .willSetStateTo("sent"));
        fake.stubFor(post(urlPathEqualTo("/linkedin/rest/posts")).inScenario("dup").whenScenarioStateIs("sent")
                             .willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
                                                 .withBody("{\"message\":\"com.linkedin.content.common.exception."
                                                           + "BadRequestResponseException: Content is a duplicate of "
                                                           + "urn:li:share:7141138937766391808\",\"errorDetails\":"
                                                           + "{\"inputErrors\":[{\"code\":\"DUPLICATE_POST\"}]},\"status\":422}")));

        assertThat(XPublishingTest.cycle().getInt("published")).isEqualTo(1);
        assertThat(creates()).hasSize(2);
        assertThat(XPublishingTest.postOf(account, postId).getString("targets[0].platform_post_id"))
                .isEqualTo("urn:li:share:7141138937766391808");
    }

    @Test
    void aFirstCommentIsPostedOnThePostThroughSocialActions() throws Exception {
        String postId = XPublishingTest.duePost(account, "Hiring " + UUID.randomUUID(), List.of(),
                                                Map.of("first_comment", "Apply at example.com/jobs"));
        stubCreate("urn:li:share:7141138937766391810");
        fake.stubFor(post(urlPathMatching("/linkedin/rest/socialActions/.*/comments"))
                             .willReturn(aResponse().withStatus(201).withHeader(
                                     "x-restli-id", "urn:li:comment:(urn:li:activity:7141,6633)")));

        XPublishingTest.cycle();

        LoggedRequest comment = fake.findAll(postRequestedFor(urlPathMatching("/linkedin/rest/socialActions/.*"))
                                                     .withHeader("LinkedIn-Version", WireMock.equalTo("202606")))
                .getFirst();
        assertThat(comment.getUrl()).isEqualTo(
                "/linkedin/rest/socialActions/urn%3Ali%3Ashare%3A7141138937766391810/comments");
        assertThat(JSON.readTree(comment.getBodyAsString())).isEqualTo(JSON.readTree(
                "{\"actor\":\"urn:li:person:782bbtaQ\",\"object\":\"urn:li:share:7141138937766391810\","
                + "\"message\":{\"text\":\"Apply at example.com/jobs\"}}"));
        JsonPath post = XPublishingTest.postOf(account, postId);
        assertThat(post.getString("targets[0].first_comment.status")).isEqualTo("posted");
        assertThat(post.getString("targets[0].first_comment.platform_comment_id"))
                .isEqualTo("urn:li:comment:(urn:li:activity:7141,6633)");
    }

    @Test
    void aCompanyPageConnectionPostsAsTheOrganization() throws Exception {
        // The member connects again, now granting Company Pages: the Page becomes a connection of its own.
        OAuthFlow.Started started = OAuthFlow.start(account.user(), "linkedin");
        String code = OAuthFlow.newCode();
        Tokens tokens = PlatformStubs.linkedInConnect(fake, code, "782bbtaQ", false);
        fake.stubFor(post(urlPathEqualTo("/linkedin/oauth/v2/accessToken"))
                             .withRequestBody(WireMock.containing("code=" + code))
                             .willReturn(okJson(PlatformStubs.tokenJson(tokens, 5_184_000,
                                                                        "openid,profile,w_member_social,"
                                                                        + "w_organization_social"))));
        fake.stubFor(get(urlPathEqualTo("/linkedin/rest/organizationAcls")).willReturn(okJson(
                "{\"elements\":[{\"organization\":\"urn:li:organization:111\",\"role\":\"ADMINISTRATOR\"}]}")));
        fake.stubFor(get(urlPathEqualTo("/linkedin/rest/organizations/111"))
                             .willReturn(okJson("{\"localizedName\":\"Acme\"}")));
        OAuthFlow.callback("linkedin", code, started.state()).then().statusCode(200);
        String page = dev.poststride.support.Api.as(account.user()).get("/api/platforms/connected").then()
                .extract().path("items.find { it.account_id == 'urn:li:organization:111' }.id");
        XPublishingTest.Account asPage = new XPublishingTest.Account(account.user(), page, "urn:li:organization:111",
                                                                     tokens);
        String postId = XPublishingTest.duePost(asPage, "From the Page " + UUID.randomUUID(), List.of(),
                                                Map.of("first_comment", "Menu below"));
        stubCreate("urn:li:share:7141138937766391811");
        fake.stubFor(post(urlPathMatching("/linkedin/rest/socialActions/.*/comments"))
                             .willReturn(aResponse().withStatus(201).withHeader("x-restli-id", "urn:li:comment:1")));

        XPublishingTest.cycle();

        assertThat(JSON.readTree(creates().getFirst().getBodyAsString()).path("author").asText())
                .isEqualTo("urn:li:organization:111");
        assertThat(JSON.readTree(fake.findAll(postRequestedFor(urlPathMatching("/linkedin/rest/socialActions/.*")))
                                         .getFirst().getBodyAsString()).path("actor").asText())
                .isEqualTo("urn:li:organization:111");
        assertThat(XPublishingTest.postOf(asPage, postId).getString("targets[0].status")).isEqualTo("published");
    }

    @Test
    void aRevokedTokenEndsTheTargetAndTheConnection() throws Exception {
        String postId = XPublishingTest.duePost(account, "Revoked " + UUID.randomUUID(), List.of());
        fake.stubFor(post(urlPathEqualTo("/linkedin/rest/posts")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":401,\"serviceErrorCode\":65601,\"code\":\"REVOKED_ACCESS_TOKEN\","
                          + "\"message\":\"The token used in the request has been revoked by the user\"}")));
        PlatformStubs.linkedInRefreshRejected(fake, account.tokens().refresh()); // the definitive signal

        XPublishingTest.cycle();

        JsonPath post = XPublishingTest.postOf(account, postId);
        assertThat(post.getString("targets[0].status")).isEqualTo("failed");
        assertThat(post.getString("targets[0].last_error.code")).isEqualTo("auth_revoked");
        assertThat(creates()).hasSize(1);
    }

    private static final String DUPLICATE = "{\"message\":\"com.linkedin.content.common.exception."
            + "BadRequestResponseException: Content is a duplicate of urn:li:share:7141138937766391809\","
            + "\"errorDetails\":{\"inputErrors\":[{\"code\":\"DUPLICATE_POST\"}]},\"status\":422}";

    /** The first create answers in a way that may hide a live post; then {@code then} answers the resends. */
    private void stubUnclearCreateThen(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder then) {
        fake.stubFor(post(urlPathEqualTo("/linkedin/rest/posts")).inScenario("unclear")
                             .whenScenarioStateIs(Scenario.STARTED)
                             .willReturn(aResponse().withStatus(200).withBody("{\"id\":"))
                             .willSetStateTo("sent"));
        fake.stubFor(post(urlPathEqualTo("/linkedin/rest/posts")).inScenario("unclear").whenScenarioStateIs("sent")
                             .willReturn(then));
    }

    @Test
    void aGrantLostBeforeTheResendAfterAnUnclearAnswerEndsUnknownNotAsNeverPublished() throws Exception {
        // LinkedIn cannot be searched: the resend's duplicate answer is the only check. When that resend meets a
        // revoked token, the first post may be live: the target must not claim it never was.
        String postId = XPublishingTest.duePost(account, "Unclear then revoked " + UUID.randomUUID(), List.of());
        stubUnclearCreateThen(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                                      .withBody("{\"status\":401,\"serviceErrorCode\":65601,"
                                                + "\"code\":\"REVOKED_ACCESS_TOKEN\",\"message\":\"revoked\"}"));
        PlatformStubs.linkedInRefreshRejected(fake, account.tokens().refresh()); // the definitive signal

        XPublishingTest.cycle();

        JsonPath post = XPublishingTest.postOf(account, postId);
        assertThat(post.getString("targets[0].status")).isEqualTo("failed");
        assertThat(post.getString("targets[0].last_error.code")).isEqualTo("outcome_unknown");
        assertThat(post.getString("targets[0].last_error.message")).contains("connected again");
        assertThat(creates()).hasSize(2);
        try (java.sql.Connection c = Sql.connect()) {
            assertThat(Sql.value(c, "select status from user_platforms where id = ?",
                                 UUID.fromString(account.connectionId()))).isEqualTo("needs_reauth");
        }
    }

    @Test
    void aRateLimitedResendAfterAnUnclearAnswerKeepsTheNextAttemptFromPostingBlind() throws Exception {
        String postId = XPublishingTest.duePost(account, "Unclear then limited " + UUID.randomUUID(), List.of());
        stubUnclearCreateThen(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                                      .withBody("{\"status\":429,\"message\":\"Resource level throttle\"}"));
        XPublishingTest.cycle();
        assertThat(XPublishingTest.postOf(account, postId).getString("targets[0].status")).isEqualTo("pending");

        // The next attempt's send is a resend: LinkedIn's duplicate answer then names the post that landed first.
        fake.stubFor(post(urlPathEqualTo("/linkedin/rest/posts")).inScenario("unclear").whenScenarioStateIs("sent")
                             .willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
                                                 .withBody(DUPLICATE)));
        TimeTravel.makeDue(postId);
        XPublishingTest.cycle();

        JsonPath post = XPublishingTest.postOf(account, postId);
        assertThat(post.getString("targets[0].status")).isEqualTo("published");
        assertThat(post.getString("targets[0].platform_post_id")).isEqualTo("urn:li:share:7141138937766391809");
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
