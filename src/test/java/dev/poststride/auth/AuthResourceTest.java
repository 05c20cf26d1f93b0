package dev.poststride.auth;

import static dev.poststride.support.Api.PASSWORD;
import static dev.poststride.support.Api.as;
import static dev.poststride.support.Api.problem;
import static dev.poststride.support.Api.register;
import static dev.poststride.support.Api.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.poststride.support.Api;
import dev.poststride.support.Api.Account;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthResourceTest {

    @Test
    void registerAnswersASessionWithTheUserAndNoPasswordHash() {
        String email = uniqueEmail();
        String body = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD, "username", "u" + System.nanoTime() % 100000000,
                             "timezone", "Europe/Paris"))
                .post("/api/auth/register")
                .then().statusCode(201)
                .header("Location", containsString("/api/users/me"))
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(900))
                .body("access_token", notNullValue())
                .body("refresh_token", notNullValue())
                .body("user.email", equalTo(email))
                .body("user.timezone", equalTo("Europe/Paris"))
                .body("user.id", notNullValue())
                .body("user.created_at", notNullValue())
                .body("user.updated_at", notNullValue())
                .extract().asString();
        assertThat(body).doesNotContain("password").doesNotContain("$2a$").doesNotContain("$2b$");
    }

    @Test
    void accessTokenIsAShortLivedRs256JwtWithIdAndSession() {
        Account account = register();
        String header = new String(java.util.Base64.getUrlDecoder().decode(account.accessToken().split("\\.")[0]));
        String payload = Api.jwtPayload(account.accessToken());
        assertThat(header).contains("\"alg\":\"RS256\"");
        assertThat(payload).contains("\"jti\"").contains("\"sid\"").contains("\"sub\":\"" + account.userId() + "\"");
    }

    @Test
    void registeringTheSameEmailTwiceIsAConflictWhateverTheCase() {
        String email = uniqueEmail();
        register(email);
        problem(given().contentType(ContentType.JSON)
                        .body(Map.of("email", email.toUpperCase(), "password", PASSWORD))
                        .post("/api/auth/register").then(), 409)
                .body("errors.field", hasItem("email"));
    }

    @Test
    void weakPasswordBadEmailAndBadTimezoneAreAllReportedAtOnce() {
        problem(given().contentType(ContentType.JSON)
                        .body(Map.of("email", "not-an-email", "password", "short", "timezone", "Mars/Olympus"))
                        .post("/api/auth/register").then(), 422)
                .body("errors.field", hasItem("email"))
                .body("errors.field", hasItem("password"));
        problem(given().contentType(ContentType.JSON)
                        .body(Map.of("email", uniqueEmail(), "password", PASSWORD, "timezone", "Mars/Olympus"))
                        .post("/api/auth/register").then(), 422)
                .body("errors[0].field", equalTo("timezone"));
    }

    @Test
    void passwordsLongerThanBcryptsLimitStillCountEveryCharacter() {
        String prefix = "p".repeat(100);
        String email = uniqueEmail();
        given().contentType(ContentType.JSON).body(Map.of("email", email, "password", prefix + "A"))
                .post("/api/auth/register").then().statusCode(201);
        problem(login(email, prefix + "B", null), 401);
        login(email, prefix + "A", null).statusCode(200);
    }

    @Test
    void tooLongPasswordIsRejected() {
        problem(given().contentType(ContentType.JSON)
                        .body(Map.of("email", uniqueEmail(), "password", "x".repeat(257)))
                        .post("/api/auth/register").then(), 422)
                .body("errors[0].field", equalTo("password"));
    }

    @Test
    void loginWorksWithAnyCaseOfTheEmail() {
        Account account = register();
        login(account.email().toUpperCase(), PASSWORD, null).statusCode(200)
                .body("user.id", equalTo(account.userId()));
    }

    @Test
    void unknownEmailAndWrongPasswordGetTheSame401() {
        Account account = register();
        String unknown = problem(login(uniqueEmail(), PASSWORD, null), 401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .extract().asString();
        String wrong = problem(login(account.email(), "wrong password", null), 401).extract().asString();
        assertThat(wrong).isEqualTo(unknown);
    }

    @Test
    void repeatedFailuresOnOneAccountFromOneAddressAreThrottledThereEvenWithTheRightPassword() {
        Account account = register();
        String guesser = randomAddress();
        for (int i = 0; i < 5; i++) {
            problem(login(account.email(), "wrong password " + i, guesser), 401);
        }
        problem(login(account.email(), PASSWORD, guesser), 429)
                .header("Retry-After", notNullValue());
        String retryAfter = login(account.email(), PASSWORD, guesser).extract().header("Retry-After");
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 15 * 60L);
        // The owner, elsewhere, is not locked out by someone else's guesses.
        login(account.email(), PASSWORD, randomAddress()).statusCode(200);
    }

    @Test
    void aStrangerGuessingFromManyAddressesIsStoppedOnlyAtTheMuchHigherAccountCeiling() {
        Account account = register();
        for (int i = 0; i < 99; i++) {
            problem(login(account.email(), "wrong password " + i, null), 401);
        }
        login(account.email(), PASSWORD, null).statusCode(200); // 99 failures from 99 addresses lock nothing
        for (int i = 0; i < 100; i++) {
            problem(login(account.email(), "wrong password " + i, null), 401);
        }
        problem(login(account.email(), PASSWORD, null), 429).header("Retry-After", notNullValue());
    }

    @Test
    void repeatedFailuresFromOneAddressAreThrottledAcrossAccounts() {
        String address = randomAddress();
        for (int i = 0; i < 10; i++) {
            problem(login(uniqueEmail(), "wrong password", address), 401);
        }
        Account fresh = register();
        problem(login(fresh.email(), PASSWORD, address), 429).header("Retry-After", notNullValue());
        // another address is not affected
        login(fresh.email(), PASSWORD, "198.51.100.7").statusCode(200);
    }

    @Test
    void manyRegistrationsFromOneAddressAreThrottledThereOnly() {
        String address = randomAddress();
        for (int i = 0; i < 20; i++) {
            given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                    .body(Map.of("email", uniqueEmail(), "password", PASSWORD)).post("/api/auth/register").then()
                    .statusCode(201);
        }
        problem(given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                        .body(Map.of("email", uniqueEmail(), "password", PASSWORD)).post("/api/auth/register").then(),
                429).header("Retry-After", notNullValue());
        given().contentType(ContentType.JSON).header("X-Forwarded-For", randomAddress())
                .body(Map.of("email", uniqueEmail(), "password", PASSWORD)).post("/api/auth/register").then()
                .statusCode(201);
    }

    @Test
    void refreshRotatesTheRefreshToken() {
        Account account = register();
        String newRefresh = refresh(account.refreshToken()).statusCode(200)
                .body("access_token", notNullValue())
                .body("user.id", equalTo(account.userId()))
                .body("refresh_token", not(equalTo(account.refreshToken())))
                .extract().path("refresh_token");
        refresh(newRefresh).statusCode(200);
    }

    @Test
    void reusingARotatedRefreshTokenEndsTheWholeLogin() {
        Account account = register();
        var rotated = refresh(account.refreshToken()).statusCode(200).extract().jsonPath();
        problem(refresh(account.refreshToken()), 401);
        // the thief's replay revoked the session: the legitimate new tokens stop working too
        problem(refresh(rotated.getString("refresh_token")), 401);
        problem(as(rotated.getString("access_token")).get("/api/users/me").then(), 401);
    }

    @Test
    void unknownRefreshTokenIs401() {
        problem(refresh("not-a-token"), 401);
        problem(given().contentType(ContentType.JSON).body(Map.of()).post("/api/auth/refresh").then(), 422)
                .body("errors[0].field", equalTo("refresh_token"));
    }

    @Test
    void logoutEndsTheAccessTokenAndTheRefreshTokenAtOnce() {
        Account account = register();
        as(account).get("/api/users/me").then().statusCode(200);
        as(account).post("/api/auth/logout").then().statusCode(204);
        problem(as(account).get("/api/users/me").then(), 401);
        problem(refresh(account.refreshToken()), 401);
        problem(as(account).post("/api/auth/logout").then(), 401);
    }

    @Test
    void logoutEndsOnlyThatLogin() {
        Account first = register();
        Account second = Api.login(first.email(), PASSWORD);
        as(first).post("/api/auth/logout").then().statusCode(204);
        as(second).get("/api/users/me").then().statusCode(200);
    }

    @Test
    void logoutWithoutTokenIs401() {
        problem(given().post("/api/auth/logout").then(), 401);
    }

    private static io.restassured.response.ValidatableResponse login(String email, String password,
                                                                     String forwardedFor) {
        var request = given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password));
        // A fresh address per call unless one is given, so failures here never throttle other tests.
        request.header("X-Forwarded-For", forwardedFor != null ? forwardedFor : randomAddress());
        return request.post("/api/auth/login").then();
    }

    private static String randomAddress() {
        return Api.randomAddress();
    }

    private static io.restassured.response.ValidatableResponse refresh(String refreshToken) {
        return given().contentType(ContentType.JSON).body(Map.of("refresh_token", refreshToken))
                .post("/api/auth/refresh").then();
    }

    @Test
    void sessionBodyNeverNamesAPasswordField() {
        Account account = register();
        login(account.email(), PASSWORD, null).body("user.password", nullValue())
                .body("user.password_hash", nullValue());
    }
}
