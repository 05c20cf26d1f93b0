package dev.poststride.publishing;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.poststride.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.poststride.support.Api;
import dev.poststride.support.InjectFakePlatforms;
import dev.poststride.support.Sql;
import dev.poststride.support.TestFiles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Media that fits (issue 16): images that break a target's rules but can be made to fit are published as derived
 * JPEG copies (converted, compressed, turned upright, cropped or padded on request) while the original stays; the
 * target view and the dry run say what changed. The platforms are WireMock fakes; the copies are read back as images.
 */
@QuarkusTest
class MediaFitTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @InjectFakePlatforms
    WireMockServer fake;

    @BeforeEach
    void isolate() throws Exception {
        fake.resetAll();
        Sql.cancelOpenTargets();
    }

    @Test
    void instagramIsSentAJpegCopyOfAPngWhileTheOriginalStaysAndTwoPostsShareTheCopy() throws Exception {
        XPublishingTest.Account ig = MetaAndTikTokPublishingTest.instagramAccount(fake, "17841400301");
        byte[] png = TestFiles.png(250, 200);
        String m = XPublishingTest.MediaUpload.of(ig.user(), png, "menu.png");
        String postId = XPublishingTest.duePost(ig, "Menu " + UUID.randomUUID(), List.of(m));

        JsonPath view = XPublishingTest.postOf(ig, postId);
        assertThat(view.getString("targets[0].fitted_media[0].media_id")).isEqualTo(m);
        assertThat(view.getString("targets[0].fitted_media[0].mime_type")).isEqualTo("image/jpeg");
        assertThat(view.getInt("targets[0].fitted_media[0].width")).isEqualTo(250);
        assertThat(view.getInt("targets[0].fitted_media[0].height")).isEqualTo(200);
        assertThat(view.getList("targets[0].fitted_media[0].changes.change")).containsExactly("converted");
        assertThat(view.getString("targets[0].fitted_media[0].changes[0].description"))
                .isEqualTo("Converted from PNG to JPEG: Instagram takes image/jpeg only (transparent areas become"
                           + " white).");
        assertThat(view.getMap("targets[0].fitted_media[0]")).doesNotContainKey("spec");
        stubInstagramPublish("17841400301");

        assertThat(XPublishingTest.cycle().getInt("published")).isEqualTo(1);

        String pulled = containerImageUrl("17841400301", 0);
        assertThat(pulled).contains("/api/public/media/" + m + "/fitted/");
        byte[] copy = pull(pulled);
        assertThat(copy[0] & 0xFF).isEqualTo(0xFF);
        assertThat(copy[1] & 0xFF).isEqualTo(0xD8); // a JPEG
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(copy));
        assertThat(decoded.getWidth()).isEqualTo(250);
        assertThat(decoded.getHeight()).isEqualTo(200);
        byte[] original = as(ig.user()).get("/api/media/" + m + "/content").then().statusCode(200).extract()
                .asByteArray();
        assertThat(original).isEqualTo(png);
        as(ig.user()).get("/api/media/" + m).then().statusCode(200).body("mime_type", equalTo("image/png"));

        String second = XPublishingTest.duePost(ig, "Menu again " + UUID.randomUUID(), List.of(m));
        assertThat(XPublishingTest.cycle().getInt("published")).isEqualTo(1);
        assertThat(pull(containerImageUrl("17841400301", 1))).isEqualTo(copy);
        assertThat(copies(m)).isEqualTo(1);
        assertThat(XPublishingTest.postOf(ig, second).getString("targets[0].status")).isEqualTo("published");
    }

    @Test
    void anImageOutsideInstagramsAspectRangeIsRefusedUnlessFitSaysCropOrPadAndAStoryTakesItAsItIs()
            throws Exception {
        XPublishingTest.Account ig = MetaAndTikTokPublishingTest.instagramAccount(fake, "17841400302");
        String wide = XPublishingTest.MediaUpload.of(ig.user(), TestFiles.jpeg(600, 200), "banner.jpg");

        Api.problem(schedule(ig, wide, Map.of()), 422)
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("targets[0].media"))
                .body("errors[0].rule", equalTo("image_aspect"))
                .body("errors[0].message", equalTo("Instagram takes images from 0.80:1 to 1.91:1 (width ÷ height);"
                                                   + " banner.jpg is 600×200 (3.00:1). Crop it, or set options.fit"
                                                   + " to crop or pad."));
        Api.problem(schedule(ig, wide, Map.of("fit", "stretch")), 422)
                .body("errors[0].field", equalTo("targets[0].options.fit"));
        schedule(ig, wide, Map.of("as_story", true)).statusCode(201).body("targets[0].fitted_media", hasSize(0));

        schedule(ig, wide, Map.of("fit", "crop")).statusCode(201)
                .body("targets[0].fitted_media[0].changes[0].change", equalTo("cropped"))
                .body("targets[0].fitted_media[0].width", equalTo(382))
                .body("targets[0].fitted_media[0].height", equalTo(200));
        Sql.cancelOpenTargets();

        String padded = XPublishingTest.duePost(ig, "Wide " + UUID.randomUUID(), List.of(wide), Map.of("fit", "pad"));
        assertThat(XPublishingTest.postOf(ig, padded).getString("targets[0].fitted_media[0].changes[0].description"))
                .isEqualTo("Padded with white from 600×200 (3.00:1) to 600×314 (1.91:1), as options.fit asks:"
                           + " Instagram takes 0.80:1 to 1.91:1.");
        stubInstagramPublish("17841400302");

        assertThat(XPublishingTest.cycle().getInt("published")).isEqualTo(1);

        BufferedImage copy = ImageIO.read(new ByteArrayInputStream(pull(containerImageUrl("17841400302", 0))));
        assertThat(copy.getWidth()).isEqualTo(600);
        assertThat(copy.getHeight()).isEqualTo(314);
        assertThat(copy.getRGB(300, 2) & 0xFFFFFF).isGreaterThan(0xF0F0F0); // the white bar above the picture
        assertThat(copy.getRGB(300, 311) & 0xFFFFFF).isGreaterThan(0xF0F0F0); // and the one below
    }

    @Test
    void aPhotoStoredSidewaysIsSentUprightToX() throws Exception {
        XPublishingTest.Account x = XPublishingTest.connectX(fake);
        byte[] sideways = TestFiles.sidewaysJpeg(80, 40, 6);
        String m = XPublishingTest.MediaUpload.of(x.user(), sideways, "held-upright.jpg");
        as(x.user()).get("/api/media/" + m).then().statusCode(200).body("orientation", equalTo(6))
                .body("width", equalTo(80)).body("height", equalTo(40));
        String text = "Upright " + UUID.randomUUID();
        String postId = XPublishingTest.duePost(x, text, List.of(m));
        assertThat(XPublishingTest.postOf(x, postId).getList("targets[0].fitted_media.changes[0].change"))
                .containsExactly("rotated");
        fake.stubFor(post(urlPathEqualTo("/x/2/media/upload/initialize"))
                             .willReturn(okJson("{\"data\":{\"id\":\"up-1\",\"media_key\":\"3_up-1\"}}")));
        fake.stubFor(post(urlPathEqualTo("/x/2/media/upload/up-1/append")).willReturn(okJson("{}")));
        fake.stubFor(post(urlPathEqualTo("/x/2/media/upload/up-1/finalize"))
                             .willReturn(okJson("{\"data\":{\"id\":\"up-1\"}}")));
        fake.stubFor(post(urlPathEqualTo("/x/2/tweets")).willReturn(XPublishingTest.created(
                "{\"data\":{\"id\":\"9090\",\"text\":\"" + text + "\"}}")));

        assertThat(XPublishingTest.cycle().getInt("published")).isEqualTo(1);

        JsonNode init = JSON.readTree(fake.findAll(postRequestedFor(urlPathEqualTo("/x/2/media/upload/initialize")))
                                              .getFirst().getBodyAsString());
        assertThat(init.path("media_type").asText()).isEqualTo("image/jpeg");
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        for (LoggedRequest append : fake.findAll(postRequestedFor(urlPathEqualTo("/x/2/media/upload/up-1/append")))) {
            sent.write(append.getPart("media").getBody().asBytes());
        }
        assertThat(init.path("total_bytes").asLong()).isEqualTo(sent.size());
        BufferedImage upright = ImageIO.read(new ByteArrayInputStream(sent.toByteArray()));
        assertThat(upright.getWidth()).isEqualTo(40);
        assertThat(upright.getHeight()).isEqualTo(80);
        assertThat(red(upright.getRGB(20, 10))).isTrue(); // the left (red) half of the stored pixels is now on top
        assertThat(red(upright.getRGB(20, 70))).isFalse();
    }

    @Test
    void aWebpBecomesAJpegForInstagram() throws Exception {
        XPublishingTest.Account ig = MetaAndTikTokPublishingTest.instagramAccount(fake, "17841400303");
        String m = XPublishingTest.MediaUpload.of(ig.user(), TestFiles.webp(), "dot.webp");
        XPublishingTest.duePost(ig, "Dot " + UUID.randomUUID(), List.of(m));
        stubInstagramPublish("17841400303");

        assertThat(XPublishingTest.cycle().getInt("published")).isEqualTo(1);

        BufferedImage copy = ImageIO.read(new ByteArrayInputStream(pull(containerImageUrl("17841400303", 0))));
        assertThat(copy.getWidth()).isEqualTo(1);
        assertThat(copy.getHeight()).isEqualTo(1);
    }

    @Test
    void theCopyIsMadeOnceThePostIsScheduledSoItsPublishFindsItReady() throws Exception {
        XPublishingTest.Account ig = MetaAndTikTokPublishingTest.instagramAccount(fake, "17841400307");
        String m = XPublishingTest.MediaUpload.of(ig.user(), TestFiles.png(120, 100), "early.png");

        schedule(ig, m, Map.of()).statusCode(201); // due tomorrow: no publish runs

        long deadline = System.nanoTime() + 20_000_000_000L;
        while (copies(m) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50); // made in the background after the commit
        }
        assertThat(copies(m)).isEqualTo(1);
    }

    @Test
    void theDryRunShowsTheCopyWithoutMakingIt() throws Exception {
        XPublishingTest.Account ig = MetaAndTikTokPublishingTest.instagramAccount(fake, "17841400304");
        String m = XPublishingTest.MediaUpload.of(ig.user(), TestFiles.png(200, 200), "square.png");

        as(ig.user()).contentType(ContentType.JSON).body(body(ig, m, Map.of())).post("/api/posts/validate").then()
                .statusCode(200).body("valid", equalTo(true))
                .body("targets[0].fitted_media[0].media_id", equalTo(m))
                .body("targets[0].fitted_media[0].changes[0].change", equalTo("converted"));
        assertThat(copies(m)).isZero();
    }

    @Test
    void anImageWhoseBytesDoNotDecodeFailsItsTargetWithoutCallingThePlatform() throws Exception {
        XPublishingTest.Account ig = MetaAndTikTokPublishingTest.instagramAccount(fake, "17841400305");
        String m = XPublishingTest.MediaUpload.of(ig.user(), TestFiles.brokenPng(), "broken.png");
        String postId = XPublishingTest.duePost(ig, "Broken " + UUID.randomUUID(), List.of(m));
        stubInstagramPublish("17841400305");

        XPublishingTest.cycle();

        JsonPath view = XPublishingTest.postOf(ig, postId);
        assertThat(view.getString("targets[0].status")).isEqualTo("failed");
        assertThat(view.getString("targets[0].last_error.code")).isEqualTo("media_unfittable");
        assertThat(view.getString("targets[0].last_error.message")).startsWith("A copy of broken.png that fits the"
                                                                               + " platform cannot be made");
        fake.verify(0, postRequestedFor(urlPathEqualTo("/instagram/v25.0/17841400305/media")));
    }

    @Test
    void aCopyGoesWithItsOriginal() throws Exception {
        XPublishingTest.Account ig = MetaAndTikTokPublishingTest.instagramAccount(fake, "17841400306");
        String m = XPublishingTest.MediaUpload.of(ig.user(), TestFiles.png(64, 64), "gone.png");
        XPublishingTest.duePost(ig, "Gone " + UUID.randomUUID(), List.of(m));
        stubInstagramPublish("17841400306");
        assertThat(XPublishingTest.cycle().getInt("published")).isEqualTo(1);
        String url = containerImageUrl("17841400306", 0);
        pull(url);
        URI copyUri = URI.create(url);
        String copyId = copyUri.getRawPath().substring(copyUri.getRawPath().lastIndexOf('/') + 1);
        // A copy's signature opens only that copy: not as a media item of the same id, nor another copy.
        given().urlEncodingEnabled(false).get("/api/public/media/" + copyId + "?" + copyUri.getRawQuery()).then()
                .statusCode(403);
        given().urlEncodingEnabled(false).get("/api/public/media/" + m + "/fitted/" + UUID.randomUUID() + "?"
                                              + copyUri.getRawQuery()).then().statusCode(403);

        as(ig.user()).delete("/api/media/" + m).then().statusCode(204);

        assertThat(copies(m)).isZero();
        URI uri = URI.create(url);
        given().urlEncodingEnabled(false).get(uri.getRawPath() + "?" + uri.getRawQuery()).then().statusCode(404);
        String forged = uri.getRawPath() + "?" + uri.getRawQuery().replaceAll("signature=[^&]*", "signature=x");
        given().urlEncodingEnabled(false).get(forged).then().statusCode(403)
                .body("detail", containsString("not valid"));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static Map<String, Object> body(XPublishingTest.Account account, String mediaId,
                                            Map<String, Object> options) {
        Map<String, Object> body = new HashMap<>();
        body.put("content", "Fits " + UUID.randomUUID());
        body.put("scheduled_at", Instant.now().plus(1, ChronoUnit.DAYS).toString());
        body.put("targets", List.of(Map.of("connection_id", account.connectionId(), "options", options)));
        body.put("media_ids", List.of(mediaId));
        return body;
    }

    private static io.restassured.response.ValidatableResponse schedule(XPublishingTest.Account account,
                                                                        String mediaId, Map<String, Object> options) {
        return as(account.user()).contentType(ContentType.JSON).body(body(account, mediaId, options))
                .post("/api/posts").then();
    }

    private void stubInstagramPublish(String igId) {
        fake.stubFor(post(urlPathEqualTo("/instagram/v25.0/" + igId + "/media")).willReturn(okJson("{\"id\":\"c-"
                                                                                                  + igId + "\"}")));
        fake.stubFor(get(urlPathEqualTo("/instagram/v25.0/c-" + igId))
                             .willReturn(okJson("{\"status_code\":\"FINISHED\"}")));
        fake.stubFor(post(urlPathEqualTo("/instagram/v25.0/" + igId + "/media_publish"))
                             .willReturn(okJson("{\"id\":\"m-" + igId + "\"}")));
        fake.stubFor(get(urlPathEqualTo("/instagram/v25.0/m-" + igId))
                             .willReturn(okJson("{\"permalink\":\"https://www.instagram.com/p/" + igId + "/\"}")));
    }

    private String containerImageUrl(String igId, int index) throws Exception {
        List<LoggedRequest> containers = fake.findAll(postRequestedFor(urlPathEqualTo("/instagram/v25.0/" + igId
                                                                                      + "/media")));
        return JSON.readTree(containers.get(index).getBodyAsString()).path("image_url").asText();
    }

    /** What a platform gets from a pull URL, without a token. */
    private static byte[] pull(String url) {
        URI uri = URI.create(url);
        return given().urlEncodingEnabled(false).get(uri.getRawPath() + "?" + uri.getRawQuery()).then()
                .statusCode(200).header("Content-Type", "image/jpeg").extract().asByteArray();
    }

    private static long copies(String mediaId) throws Exception {
        try (Connection c = Sql.connect()) {
            return ((Number) Sql.value(c, "select count(*) from media_renditions where media_id = ?",
                                       UUID.fromString(mediaId))).longValue();
        }
    }

    private static boolean red(int rgb) {
        return ((rgb >> 16) & 0xFF) > 200 && (rgb & 0xFF) < 80;
    }
}
