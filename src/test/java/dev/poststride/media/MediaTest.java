package dev.poststride.media;

import static dev.poststride.support.Api.as;
import static dev.poststride.support.Api.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.poststride.support.Api;
import dev.poststride.support.TestEnvironment;
import dev.poststride.support.TestFiles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The media library: uploads judged by their bytes, limits, de-duplication, ownership and signed pull URLs. */
@QuarkusTest
class MediaTest {

    static Response upload(Api.Account user, byte[] bytes, String filename, String contentType) {
        return upload(as(user), bytes, filename, contentType);
    }

    static Response upload(RequestSpecification request, byte[] bytes, String filename, String contentType) {
        return request.multiPart("file", filename, bytes, contentType).post("/api/media");
    }

    @Test
    void anImageIsRecognisedByItsBytesWhateverTheClientClaims() throws Exception {
        Api.Account user = Api.register();
        byte[] png = TestFiles.png(40, 30);
        Response answer = as(user).multiPart("file", "holiday.jpg", png, "image/jpeg")
                .multiPart("alt_text", "A beach at dusk").post("/api/media");

        answer.then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/media/" + answer.path("id")))
                .body("media_type", equalTo("image"))
                .body("mime_type", equalTo("image/png"))
                .body("size_bytes", equalTo(png.length))
                .body("sha256", equalTo(sha256(png)))
                .body("original_filename", equalTo("holiday.jpg"))
                .body("alt_text", equalTo("A beach at dusk"))
                .body("width", equalTo(40)).body("height", equalTo(30))
                .body("duration_ms", nullValue());
        String id = answer.path("id");
        as(user).get("/api/media/" + id).then().statusCode(200).body("sha256", equalTo(sha256(png)));
        byte[] content = as(user).get("/api/media/" + id + "/content").then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        assertThat(content).isEqualTo(png);
    }

    @Test
    void jpegGifAndVideoAreRecognisedWithTheirSizeAndDuration() {
        Api.Account user = Api.register();
        upload(user, TestFiles.jpeg(64, 48), "a.bin", "application/octet-stream").then().statusCode(201)
                .body("media_type", equalTo("image")).body("mime_type", equalTo("image/jpeg"))
                .body("width", equalTo(64)).body("height", equalTo(48));
        upload(user, TestFiles.gif(10, 12), "a.gif", "image/gif").then().statusCode(201)
                .body("media_type", equalTo("gif")).body("width", equalTo(10)).body("height", equalTo(12));
        upload(user, TestFiles.mp4(12_500), "clip.mp4", "video/mp4").then().statusCode(201)
                .body("media_type", equalTo("video")).body("mime_type", equalTo("video/mp4"))
                .body("duration_ms", equalTo(12_500));
        // A video track's codec, display size and frame rate come from its headers (tkhd, stsd, mdhd, stts).
        upload(user, TestFiles.mp4Video(8_000, "avc1", 1080, 1920, 29.97), "vertical.mp4", "video/mp4").then()
                .statusCode(201).body("media_type", equalTo("video")).body("duration_ms", equalTo(8_000))
                .body("width", equalTo(1080)).body("height", equalTo(1920))
                .body("video_codec", equalTo("avc1")).body("frame_rate", equalTo(29.97f));
    }

    @Test
    void wordAndPowerPointFilesAreRecognisedByThePartsTheyHoldAndOtherZipAndOle2FilesAre415() throws Exception {
        Api.Account user = Api.register();
        byte[] pptx = TestFiles.pptx();
        String slides = upload(user, pptx, "deck.pptx", "application/zip").then().statusCode(201)
                .body("media_type", equalTo("document")).body("size_bytes", equalTo(pptx.length))
                .body("mime_type", equalTo("application/vnd.openxmlformats-officedocument.presentationml.presentation"))
                .extract().path("id");
        byte[] served = as(user).get("/api/media/" + slides + "/content").then().statusCode(200)
                .contentType("application/vnd.openxmlformats-officedocument.presentationml.presentation")
                .extract().asByteArray();
        assertThat(served).isEqualTo(pptx);
        upload(user, TestFiles.docx(), "plan.docx", "application/octet-stream").then().statusCode(201)
                .body("mime_type", equalTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
        upload(user, TestFiles.ole2("WordDocument"), "old.doc", "application/msword").then().statusCode(201)
                .body("media_type", equalTo("document")).body("mime_type", equalTo("application/msword"));
        upload(user, TestFiles.ole2("PowerPoint Document"), "old.ppt", "application/octet-stream").then()
                .statusCode(201).body("mime_type", equalTo("application/vnd.ms-powerpoint"));

        long stored = files(TestEnvironment.MEDIA_DIR);
        problem(upload(user, TestFiles.xlsx(), "sheet.docx", "application/zip").then(), 415)
                .body("detail", org.hamcrest.Matchers.containsString("is a ZIP file but not a Word (DOCX, DOC) or"
                                                                     + " PowerPoint (PPTX, PPT) document"));
        problem(upload(user, TestFiles.officeZip(null), "notes.zip", "application/zip").then(), 415);
        problem(upload(user, TestFiles.ole2("Workbook"), "old.xls", "application/vnd.ms-excel").then(), 415)
                .body("detail", org.hamcrest.Matchers.containsString("is an OLE2 compound file but not"));
        as(user).get("/api/media").then().body("total_items", equalTo(4));
        assertThat(files(TestEnvironment.MEDIA_DIR)).isEqualTo(stored);
    }

    @Test
    void aTextFileDisguisedAsAnImageIs415AndLeavesNothing() throws Exception {
        Api.Account user = Api.register();
        long stored = files(TestEnvironment.MEDIA_DIR);
        problem(upload(user, TestFiles.text("just some notes, not a picture"), "photo.png", "image/png").then(), 415);
        as(user).get("/api/media").then().body("total_items", equalTo(0));
        assertThat(files(TestEnvironment.MEDIA_DIR)).isEqualTo(stored);
    }

    @Test
    void anOversizedUploadIs413AndNoFileIsLeftBehind() throws Exception {
        Api.Account user = Api.register();
        long stored = files(TestEnvironment.MEDIA_DIR);
        problem(upload(user, TestFiles.pngOfSize(TestEnvironment.MAX_IMAGE_BYTES + 1), "big.png", "image/png").then(), 413)
                .body("detail", org.hamcrest.Matchers.containsString(Integer.toString(TestEnvironment.MAX_IMAGE_BYTES)));
        as(user).get("/api/media").then().body("total_items", equalTo(0));
        assertThat(files(TestEnvironment.MEDIA_DIR)).isEqualTo(stored);

        upload(user, TestFiles.pngOfSize(TestEnvironment.MAX_IMAGE_BYTES), "just-fits.png", "image/png").then()
                .statusCode(201);
    }

    /**
     * The limit holds while the body streams: a 64 MiB "image" is refused after a small part of it has arrived (the
     * bytes before the limit plus what the network buffers hold), the connection is closed, and nothing is stored.
     */
    @Test
    void anUploadPastItsKindsLimitIsRefusedWhileItStreamsNotAfterItArrived() throws Exception {
        Api.Account user = Api.register();
        long stored = files(TestEnvironment.MEDIA_DIR);
        long declared = 64L * 1024 * 1024;
        byte[] head = TestFiles.png(8, 8);
        String boundary = "stride" + UUID.randomUUID();
        String partHead = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\";"
                          + " filename=\"huge.png\"\r\nContent-Type: image/png\r\n\r\n";
        URI base = URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port);
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST /api/media HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: Bearer "
                       + user.accessToken() + "\r\nContent-Type: multipart/form-data; boundary=" + boundary
                       + "\r\nContent-Length: " + (partHead.length() + declared) + "\r\n\r\n" + partHead)
                              .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(head);
            java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong(head.length);
            Thread sender = Thread.ofVirtual().start(() -> {
                byte[] filler = new byte[64 * 1024];
                try {
                    while (sent.get() < declared) {
                        out.write(filler);
                        sent.addAndGet(filler.length);
                    }
                } catch (IOException closedByTheServer) {
                    // expected: the server answered and closed the connection
                }
            });
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(
                    socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            long sentWhenAnswered = sent.get();
            sender.join(30_000);
            assertThat(status).startsWith("HTTP/1.1 413");
            assertThat(sentWhenAnswered).as("bytes sent before the 413").isLessThan(declared / 4);
        }
        as(user).get("/api/media").then().body("total_items", equalTo(0));
        assertThat(files(TestEnvironment.MEDIA_DIR)).isEqualTo(stored);
    }

    @Test
    void theSameBytesTwiceGiveTheSameItemBack() {
        Api.Account user = Api.register();
        byte[] png = TestFiles.png(5, 5);
        String first = upload(user, png, "one.png", "image/png").then().statusCode(201).extract().path("id");
        upload(user, png, "again.png", "image/png").then().statusCode(200).body("id", equalTo(first));
        as(user).get("/api/media").then().body("total_items", equalTo(1));

        Api.Account other = Api.register();
        String theirs = upload(other, png, "one.png", "image/png").then().statusCode(201).extract().path("id");
        assertThat(theirs).isNotEqualTo(first);
    }

    @Test
    void anotherUsersMediaIs404AndStaysUntouched() {
        Api.Account owner = Api.register();
        Api.Account other = Api.register();
        String id = upload(owner, TestFiles.png(6, 6), "mine.png", "image/png").then().statusCode(201)
                .extract().path("id");

        problem(as(other).get("/api/media/" + id).then(), 404);
        problem(as(other).get("/api/media/" + id + "/content").then(), 404);
        problem(as(other).post("/api/media/" + id + "/pull-url").then(), 404);
        problem(as(other).delete("/api/media/" + id).then(), 404);
        as(other).get("/api/media").then().body("total_items", equalTo(0));
        as(owner).get("/api/media/" + id).then().statusCode(200);
        problem(given().get("/api/media/" + id).then(), 401);
    }

    @Test
    void theLibraryPagesNewestFirstAndFiltersByKind() {
        Api.Account user = Api.register();
        String first = upload(user, TestFiles.png(3, 3), "1.png", "image/png").then().statusCode(201).extract().path("id");
        String gif = upload(user, TestFiles.gif(3, 3), "2.gif", "image/gif").then().statusCode(201).extract().path("id");
        String third = upload(user, TestFiles.png(4, 4), "3.png", "image/png").then().statusCode(201).extract().path("id");

        as(user).get("/api/media?size=2").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.contains(third, gif))
                .body("page", equalTo(0)).body("size", equalTo(2))
                .body("total_items", equalTo(3)).body("total_pages", equalTo(2));
        as(user).get("/api/media?size=2&page=1").then().body("items.id", org.hamcrest.Matchers.contains(first));
        as(user).get("/api/media?media_type=gif").then().body("items.id", org.hamcrest.Matchers.contains(gif));
        problem(as(user).get("/api/media?media_type=sticker").then(), 422);
        problem(as(user).get("/api/media?size=0").then(), 422);
        problem(as(user).get("/api/media?size=101").then(), 422);
    }

    @Test
    void deletingRemovesTheItemAndItsBytes() throws Exception {
        Api.Account user = Api.register();
        String id = upload(user, TestFiles.png(7, 7), "gone.png", "image/png").then().statusCode(201).extract().path("id");
        assertThat(Files.exists(TestEnvironment.MEDIA_DIR.resolve(user.workspaceId()).resolve(id))).isTrue();

        as(user).delete("/api/media/" + id).then().statusCode(204);
        problem(as(user).get("/api/media/" + id).then(), 404);
        assertThat(Files.exists(TestEnvironment.MEDIA_DIR.resolve(user.workspaceId()).resolve(id))).isFalse();
    }

    @Test
    void anUploadPastTheOwnersQuotaIs413SayingWhatIsLeftAndDeletingFreesRoom() {
        Api.Account user = Api.register();
        String first = upload(user, TestFiles.pngOfSize(TestEnvironment.MAX_IMAGE_BYTES), "full.png", "image/png")
                .then().statusCode(201).extract().path("id");
        upload(user, TestFiles.mp4OfSize(60_000, TestEnvironment.MEDIA_QUOTA_BYTES - TestEnvironment.MAX_IMAGE_BYTES),
               "fills-the-rest.mp4", "video/mp4").then().statusCode(201);
        problem(upload(user, TestFiles.pngOfSize(1000), "one-more.png", "image/png").then(), 413)
                .body("detail", org.hamcrest.Matchers.containsString("only 0 of your "
                                                                    + TestEnvironment.MEDIA_QUOTA_BYTES));
        upload(Api.register(), TestFiles.pngOfSize(1000), "someone-else.png", "image/png").then().statusCode(201);
        as(user).delete("/api/media/" + first).then().statusCode(204);
        upload(user, TestFiles.pngOfSize(1000), "one-more.png", "image/png").then().statusCode(201);
    }

    @Test
    void aFileThatOnlyStartsLikeAnImageIs422AndNothingIsStored() {
        Api.Account user = Api.register();
        byte[] headerOnlyPng = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0};
        byte[] noIhdr = java.util.Arrays.copyOf(TestFiles.png(5, 5), 40);
        System.arraycopy("XXXX".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, noIhdr, 12, 4);
        byte[] jpegMarkerOnly = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0};
        byte[] gifHeaderOnly = "GIF89a".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (byte[] fake : List.of(headerOnlyPng, noIhdr, jpegMarkerOnly, gifHeaderOnly)) {
            problem(upload(user, fake, "fake.img", "image/png").then(), 422)
                    .body("errors[0].field", equalTo("file"))
                    .body("errors[0].message", org.hamcrest.Matchers.containsString("not a readable image"));
        }
        as(user).get("/api/media").then().body("total_items", equalTo(0));
        upload(user, TestFiles.png(5, 5), "real.png", "image/png").then().statusCode(201).body("width", equalTo(5));
    }

    @Test
    void aSignedPullUrlServesTheFileWithoutATokenUntilItExpires() throws Exception {
        Api.Account user = Api.register();
        byte[] jpeg = TestFiles.jpeg(20, 20);
        String id = upload(user, jpeg, "pull.jpg", "image/jpeg").then().statusCode(201).extract().path("id");
        String url = as(user).post("/api/media/" + id + "/pull-url").then().statusCode(200).extract().path("url");
        String path = URI.create(url).getRawPath() + "?" + URI.create(url).getRawQuery();

        byte[] pulled = given().urlEncodingEnabled(false).get(path).then().statusCode(200)
                .contentType("image/jpeg").extract().asByteArray();
        assertThat(pulled).isEqualTo(jpeg);

        String signature = path.substring(path.indexOf("signature=") + "signature=".length());
        String tampered = path.replace(signature, (signature.charAt(0) == 'A' ? "B" : "A") + signature.substring(1));
        problem(given().urlEncodingEnabled(false).get(tampered).then(), 403);
        String otherExpiry = path.replaceFirst("expires=(\\d+)", "expires=" + (Instant.now().getEpochSecond() + 86_400));
        problem(given().urlEncodingEnabled(false).get(otherExpiry).then(), 403);
        String otherMedia = path.replace(id, UUID.randomUUID().toString());
        problem(given().urlEncodingEnabled(false).get(otherMedia).then(), 403);
    }

    @Test
    void theSameIdempotencyKeyUploadsOnceAndRefusesADifferentFile() {
        Api.Account user = Api.register();
        byte[] png = TestFiles.png(11, 11);
        String key = "upload-" + UUID.randomUUID();
        String first = upload(as(user).header("Idempotency-Key", key), png, "k.png", "image/png").then()
                .statusCode(201).extract().path("id");
        upload(as(user).header("Idempotency-Key", key), png, "k.png", "image/png").then()
                .statusCode(201).body("id", equalTo(first));
        problem(upload(as(user).header("Idempotency-Key", key), TestFiles.png(12, 12), "k.png", "image/png").then(), 422)
                .body("errors[0].field", equalTo("Idempotency-Key"));
        as(user).get("/api/media").then().body("items", hasSize(1));
    }

    @Test
    void anUploadWithoutAFileIs422() {
        Api.Account user = Api.register();
        problem(as(user).multiPart("alt_text", "no file").post("/api/media").then(), 422)
                .body("errors[0].field", equalTo("file"));
    }

    static long files(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).count();
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
