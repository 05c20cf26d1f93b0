package dev.poststride.media;

import static dev.poststride.support.Api.as;
import static dev.poststride.support.Api.problem;
import static io.restassured.RestAssured.given;

import dev.poststride.support.Api;
import dev.poststride.support.TestFiles;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A genuinely signed URL whose time is up. Signed here with the service's own signer (so JVM-only): waiting for a
 * real URL to expire would make the test depend on the clock.
 */
@QuarkusTest
class SignedUrlExpiryTest {

    @Inject
    MediaUrlSigner signer;

    @Test
    void aCorrectlySignedButExpiredUrlIs403AndTheSameUrlStillValidWorks() {
        Api.Account user = Api.register();
        UUID id = UUID.fromString(MediaTest.upload(user, TestFiles.png(13, 13), "e.png", "image/png").then()
                                          .statusCode(201).extract().path("id"));
        Instant past = Instant.now().minusSeconds(5);
        problem(given().urlEncodingEnabled(false).get("/api/public/media/" + id + "?expires=" + past.getEpochSecond()
                                                      + "&signature=" + signer.sign(id, past)).then(), 403)
                .body("detail", org.hamcrest.Matchers.containsString("expired"));

        Instant future = Instant.now().plusSeconds(60);
        given().urlEncodingEnabled(false).get("/api/public/media/" + id + "?expires=" + future.getEpochSecond()
                                              + "&signature=" + signer.sign(id, future)).then().statusCode(200);
        as(user).delete("/api/media/" + id).then().statusCode(204);
        problem(given().urlEncodingEnabled(false).get("/api/public/media/" + id + "?expires=" + future.getEpochSecond()
                                                      + "&signature=" + signer.sign(id, future)).then(), 404);
    }
}
