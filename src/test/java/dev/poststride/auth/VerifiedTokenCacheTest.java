package dev.poststride.auth;

import static dev.poststride.support.Api.as;
import static dev.poststride.support.Api.problem;
import static dev.poststride.support.Api.register;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poststride.support.Api.Account;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The service verifies a token's signature once, and still asks for its session on every request. */
@QuarkusTest
class VerifiedTokenCacheTest {

    @Inject
    VerifiedTokens verifiedTokens;

    @Test
    void aTokenIsVerifiedOnceButALogoutStillEndsItAtOnce() {
        Account account = register();
        long before = verifiedTokens.size();
        as(account).get("/api/users/me").then().statusCode(200);
        as(account).get("/api/users/me").then().statusCode(200);
        assertThat(verifiedTokens.size()).isEqualTo(before + 1);
        as(account).post("/api/auth/logout").then().statusCode(204);
        problem(as(account).get("/api/users/me").then(), 401); // remembered as verified, but its session ended
    }
}
