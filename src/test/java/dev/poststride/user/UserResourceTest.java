package dev.poststride.user;

import static dev.poststride.support.Api.PASSWORD;
import static dev.poststride.support.Api.as;
import static dev.poststride.support.Api.problem;
import static dev.poststride.support.Api.register;
import static dev.poststride.support.Api.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import dev.poststride.support.Api;
import dev.poststride.support.Api.Account;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UserResourceTest {

    @Test
    void meAnswersTheSignedInUserWithoutSecrets() {
        Account account = register();
        String body = as(account).get("/api/users/me").then().statusCode(200)
                .body("id", equalTo(account.userId()))
                .body("email", equalTo(account.email()))
                .body("timezone", equalTo("UTC"))
                .body("username", nullValue())
                .extract().asString();
        assertThat(body).doesNotContain("password").doesNotContain("$2");
    }

    @Test
    void usernameAndTimezoneChangeWithoutThePassword() {
        Account account = register();
        String username = "name_" + System.nanoTime() % 1000000000L;
        update(account, Map.of("username", username, "timezone", "America/New_York")).statusCode(200)
                .body("username", equalTo(username))
                .body("timezone", equalTo("America/New_York"));
        as(account).get("/api/users/me").then().body("timezone", equalTo("America/New_York"));
    }

    @Test
    void aBadTimezoneIs422AndChangesNothing() {
        Account account = register();
        problem(update(account, Map.of("timezone", "+02:00", "username", "valid_name")), 422)
                .body("errors.field", hasItem("timezone"));
        as(account).get("/api/users/me").then().body("timezone", equalTo("UTC")).body("username", nullValue());
    }

    @Test
    void changingEmailNeedsTheCurrentPassword() {
        Account account = register();
        String newEmail = uniqueEmail();
        problem(update(account, Map.of("email", newEmail)), 422)
                .body("errors[0].field", equalTo("current_password"));
        problem(update(account, Map.of("email", newEmail, "current_password", "not it")), 422)
                .body("errors[0].field", equalTo("current_password"));
        update(account, Map.of("email", newEmail, "current_password", PASSWORD)).statusCode(200)
                .body("email", equalTo(newEmail));
        Api.login(newEmail, PASSWORD);
    }

    @Test
    void takingSomeoneElsesEmailIsAConflict() {
        Account account = register();
        Account other = register();
        problem(update(account, Map.of("email", other.email().toUpperCase(), "current_password", PASSWORD)), 409);
    }

    @Test
    void changingThePasswordEndsTheOtherSessionsOnly() {
        Account account = register();
        Account otherDevice = Api.login(account.email(), PASSWORD);
        problem(update(account, Map.of("new_password", "a brand new secret")), 422)
                .body("errors[0].field", equalTo("current_password"));
        problem(update(account, Map.of("new_password", "short", "current_password", PASSWORD)), 422)
                .body("errors[0].field", equalTo("new_password"));

        update(account, Map.of("new_password", "a brand new secret", "current_password", PASSWORD))
                .statusCode(200);

        as(account).get("/api/users/me").then().statusCode(200);
        problem(as(otherDevice).get("/api/users/me").then(), 401);
        problem(given().contentType(ContentType.JSON).body(Map.of("refresh_token", otherDevice.refreshToken()))
                        .post("/api/auth/refresh").then(), 401);
        Api.login(account.email(), "a brand new secret");
        problem(given().contentType(ContentType.JSON).header("X-Forwarded-For", "10.9.9.9")
                        .body(Map.of("email", account.email(), "password", PASSWORD))
                        .post("/api/auth/login").then(), 401);
    }

    @Test
    void guessingTheCurrentPasswordWithASignedInSessionIsThrottledPerAccount() {
        Account account = register();
        for (int i = 0; i < 5; i++) {
            problem(as(account).contentType(ContentType.JSON)
                            .body(Map.of("email", uniqueEmail(), "current_password", "guess " + i))
                            .put("/api/users/me").then(), 422)
                    .body("errors.field", hasItem("current_password"));
        }
        problem(as(account).contentType(ContentType.JSON)
                        .body(Map.of("email", uniqueEmail(), "current_password", PASSWORD))
                        .put("/api/users/me").then(), 429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
        problem(as(account).contentType(ContentType.JSON).body(Map.of("password", PASSWORD))
                        .delete("/api/users/me").then(), 429);
        Account other = register();
        as(other).contentType(ContentType.JSON).body(Map.of("email", uniqueEmail(), "current_password", PASSWORD))
                .put("/api/users/me").then().statusCode(200);
    }

    @Test
    void anEmptyBodyIs422AndMalformedJsonIs400() {
        Account account = register();
        problem(as(account).contentType(ContentType.JSON).put("/api/users/me").then(), 422);
        problem(as(account).contentType(ContentType.JSON).body("{\"username\": ").put("/api/users/me").then(),
                400);
        problem(as(account).contentType(ContentType.JSON).body("{\"username\": 12}").put("/api/users/me")
                        .then(), 422);
    }

    private static io.restassured.response.ValidatableResponse update(Account account, Map<String, ?> body) {
        return as(account).contentType(ContentType.JSON).body(body).put("/api/users/me").then();
    }
}
