package dev.poststride.publishing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.poststride.publishing.MetaAndTikTokPublishingTest.envelope;
import static dev.poststride.support.Api.as;
import static dev.poststride.support.Api.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.poststride.support.Api;
import dev.poststride.support.BucketStorage;
import dev.poststride.support.InjectFakePlatforms;
import dev.poststride.support.S3Server;
import dev.poststride.support.Sql;
import dev.poststride.support.TestFiles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Media in an S3 bucket (a real S3 API server, {@link S3Server}): uploads stream into it, in parts when large, and
 * leave nothing when refused; platforms that pull media get a pre-signed URL of the bucket (Instagram) or the
 * configured verified-domain URL (TikTok), and platforms we upload to get the bytes read back from it (X).
 */
@QuarkusTest
@TestProfile(BucketStorage.class)
class S3MediaTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @InjectFakePlatforms
    WireMockServer fake;

    @BeforeEach
    void isolate() throws Exception {
        fake.resetAll();
        Sql.cancelOpenTargets();
    }

    @Test
    void anUploadStreamsIntoTheBucketAndComesBackByteForByteUntilDeleted() throws Exception {
        Api.Account user = Api.register();
        byte[] png = TestFiles.png(40, 30);
        String id = upload(user, png, "pixel.png").then().statusCode(201)
                .body("mime_type", equalTo("image/png")).body("width", equalTo(40)).body("height", equalTo(30))
                .body("sha256", equalTo(sha256(png))).extract().path("id");

        String key = user.workspaceId() + "/" + id;
        try (S3Client s3 = S3Server.client()) {
            HeadObjectResponse head = s3.headObject(r -> r.bucket(S3Server.BUCKET).key(key));
            assertThat(head.contentLength()).isEqualTo(png.length);
            assertThat(head.contentType()).isEqualTo("image/png");
            assertThat(as(user).get("/api/media/" + id + "/content").then().statusCode(200).extract().asByteArray())
                    .isEqualTo(png);

            as(user).delete("/api/media/" + id).then().statusCode(204);
            assertThatThrownBy(() -> s3.headObject(r -> r.bucket(S3Server.BUCKET).key(key)))
                    .isInstanceOf(NoSuchKeyException.class);
        }
    }

    @Test
    void aVideoLargerThanAPartGoesUpInPartsAndOnePastItsLimitLeavesNoObjectAndNoParts() throws Exception {
        Api.Account user = Api.register();
        byte[] video = TestFiles.mp4OfSize(21_000, BucketStorage.PART + 1024 * 1024); // two parts, moov last
        String id = upload(user, video, "long.mp4").then().statusCode(201)
                .body("media_type", equalTo("video")).body("duration_ms", equalTo(21_000))
                .body("size_bytes", equalTo(video.length)).body("sha256", equalTo(sha256(video)))
                .extract().path("id");
        try (S3Client s3 = S3Server.client()) {
            assertThat(s3.headObject(r -> r.bucket(S3Server.BUCKET).key(user.workspaceId() + "/" + id)).contentLength())
                    .isEqualTo(video.length);

            byte[] tooLong = TestFiles.mp4OfSize(30_000, BucketStorage.MAX_VIDEO + 1024 * 1024);
            problem(upload(user, tooLong, "too-long.mp4").then(), 413)
                    .body("detail", org.hamcrest.Matchers.containsString(Integer.toString(BucketStorage.MAX_VIDEO)));
            List<String> stored = s3.listObjectsV2(r -> r.bucket(S3Server.BUCKET).prefix(user.workspaceId() + "/"))
                    .contents().stream().map(S3Object::key).toList();
            assertThat(stored).containsExactly(user.workspaceId() + "/" + id);
            assertThat(s3.listMultipartUploads(r -> r.bucket(S3Server.BUCKET).prefix(user.workspaceId() + "/"))
                               .uploads())
                    .isEmpty();
        }
        as(user).get("/api/media").then().body("total_items", equalTo(1));
    }

    @Test
    void instagramPullsAPreSignedUrlOfTheBucketThatWorksWithoutCredentialsUntilTampered() throws Exception {
        XPublishingTest.Account ig = MetaAndTikTokPublishingTest.instagramAccount(fake, "17841400777");
        byte[] jpeg = TestFiles.jpeg(36, 30);
        String image = XPublishingTest.MediaUpload.of(ig.user(), jpeg, "feed.jpg");
        String postId = XPublishingTest.duePost(ig, "From the bucket " + UUID.randomUUID(), List.of(image));
        fake.stubFor(post(urlPathEqualTo("/instagram/v25.0/17841400777/media")).willReturn(okJson("{\"id\":\"s1\"}")));
        fake.stubFor(get(urlPathEqualTo("/instagram/v25.0/s1")).willReturn(okJson("{\"status_code\":\"FINISHED\"}")));
        fake.stubFor(post(urlPathEqualTo("/instagram/v25.0/17841400777/media_publish"))
                             .willReturn(okJson("{\"id\":\"m31\"}")));

        assertThat(XPublishingTest.cycle().getInt("published")).isEqualTo(1);

        JsonNode container = XPublishingTest.json(fake.findAll(
                postRequestedFor(urlPathEqualTo("/instagram/v25.0/17841400777/media"))).getFirst().getBodyAsString());
        String url = container.path("image_url").asText();
        assertThat(url).startsWith(S3Server.endpoint() + "/" + S3Server.BUCKET + "/" + ig.user().workspaceId() + "/"
                                   + image)
                .contains("X-Amz-Signature=");
        HttpResponse<byte[]> pulled = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                                                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pulled.statusCode()).isEqualTo(200);
        assertThat(pulled.body()).isEqualTo(jpeg);
        String tampered = tamperedSignature(url);
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(tampered)).build(),
                             HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(403);
        assertThat(XPublishingTest.postOf(ig, postId).getString("targets[0].platform_post_id")).isEqualTo("m31");
    }

    @Test
    void tikTokPullsTheVideoFromTheVerifiedDomainAndXGetsItsBytesFromTheBucket() throws Exception {
        XPublishingTest.Account tt = MetaAndTikTokPublishingTest.tikTokAccount(fake);
        byte[] clip = TestFiles.mp4(12_000);
        String video = XPublishingTest.MediaUpload.of(tt.user(), clip, "dance.mp4");
        XPublishingTest.duePost(tt, "Dance " + UUID.randomUUID(), List.of(video),
                                 MetaAndTikTokPublishingTest.PUBLIC);
        fake.stubFor(post(urlPathEqualTo("/tiktok/v2/post/publish/creator_info/query/")).willReturn(okJson(envelope(
                "{\"creator_username\":\"toker\",\"privacy_level_options\":[\"PUBLIC_TO_EVERYONE\"],"
                + "\"max_video_post_duration_sec\":600}"))));
        fake.stubFor(post(urlPathEqualTo("/tiktok/v2/post/publish/video/init/"))
                             .willReturn(okJson(envelope("{\"publish_id\":\"v_pub~s3\"}"))));
        fake.stubFor(post(urlPathEqualTo("/tiktok/v2/post/publish/status/fetch/")).willReturn(okJson(envelope(
                "{\"status\":\"PUBLISH_COMPLETE\",\"publicaly_available_post_id\":[\"7300000000000000009\"]}"))));

        XPublishingTest.Account x = XPublishingTest.connectX(fake);
        byte[] xClip = TestFiles.mp4(8_000);
        String xVideo = XPublishingTest.MediaUpload.of(x.user(), xClip, "clip.mp4");
        String text = "A clip from the bucket " + UUID.randomUUID();
        String xPost = XPublishingTest.duePost(x, text, List.of(xVideo));
        fake.stubFor(post(urlPathEqualTo("/x/2/media/upload/initialize"))
                             .willReturn(okJson("{\"data\":{\"id\":\"s3v-1\",\"media_key\":\"7_1\"}}")));
        fake.stubFor(post(urlPathMatching("/x/2/media/upload/[^/]+/append")).willReturn(aResponse().withStatus(204)));
        fake.stubFor(post(urlPathMatching("/x/2/media/upload/[^/]+/finalize"))
                             .willReturn(okJson("{\"data\":{\"id\":\"s3v-1\","
                                                + "\"processing_info\":{\"state\":\"succeeded\"}}}")));
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"data\":{\"id\":\"9191\",\"text\":\"" + text + "\"}}")));

        assertThat(XPublishingTest.cycle().getInt("published")).isEqualTo(2);

        JsonNode init = XPublishingTest.json(fake.findAll(
                postRequestedFor(urlPathEqualTo("/tiktok/v2/post/publish/video/init/"))).getFirst().getBodyAsString());
        assertThat(init.path("source_info").path("video_url").asText())
                .isEqualTo(BucketStorage.PULL_BASE + "/" + tt.user().workspaceId() + "/" + video);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        for (LoggedRequest append : fake.findAll(postRequestedFor(urlPathEqualTo("/x/2/media/upload/s3v-1/append")))) {
            sent.write(append.getPart("media").getBody().asBytes());
        }
        assertThat(sent.toByteArray()).isEqualTo(xClip);
        assertThat(XPublishingTest.postOf(x, xPost).getString("targets[0].platform_post_id")).isEqualTo("9191");
    }

    private static Response upload(Api.Account user, byte[] bytes, String name) {
        return as(user).multiPart("file", name, bytes, "application/octet-stream").post("/api/media");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** The URL with the signature's first hex digit changed (always to a different digit). */
    private static String tamperedSignature(String url) {
        int at = url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
        char changed = url.charAt(at) == '0' ? '1' : '0';
        return url.substring(0, at) + changed + url.substring(at + 1);
    }
}
