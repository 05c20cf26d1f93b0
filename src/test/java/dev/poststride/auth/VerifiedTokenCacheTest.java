package dev.poststride.auth;

import static dev.poststride.support.Api.as;
import static dev.poststride.support.Api.problem;
import static dev.poststride.support.Api.register;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poststride.support.Api.Account;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service verifies a token's signature once, and still asks for its session on every request. */
@QuarkusTest
class VerifiedTokenCacheTest {

    @Inject
    VerifiedTokens verifiedTokens;

    @Test
    void aTokenIsVerifiedOnceButALogoutStillEndsItAtOnce() {
        Account account = register();
        String token = given().contentType(ContentType.JSON) // a token never used yet
                .body(Map.of("email", account.email(), "password", account.password()))
                .post("/api/auth/login").then().statusCode(200).extract().path("access_token");
        long before = verifiedTokens.size();
        as(token).get("/api/users/me").then().statusCode(200);
        as(token).get("/api/users/me").then().statusCode(200);
        assertThat(verifiedTokens.size()).isEqualTo(before + 1);
        as(token).post("/api/auth/logout").then().statusCode(204);
        problem(as(token).get("/api/users/me").then(), 401); // remembered as verified, but its session ended
    }
}
