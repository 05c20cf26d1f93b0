package dev.poststride.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/** Small rest-assured helpers that read like the contract. */
public final class Api {

    public static final String PASSWORD = "correct horse battery";

    private Api() {
    }

    /** A signed-in test user; {@code workspaceId} is their personal workspace, where their things go by default. */
    public record Account(String email, String password, String accessToken, String refreshToken, String userId,
                          String workspaceId) {
    }

    public static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    public static Account register() {
        return register(uniqueEmail());
    }

    /**
     * Registers from an address of its own (X-Forwarded-For; tests trust it), so the suite's hundreds of
     * registrations never meet the per-address registration throttle meant for strangers.
     */
    public static Account register(String email) {
        var body = given().contentType(ContentType.JSON).header("X-Forwarded-For", randomAddress())
                .body(Map.of("email", email, "password", PASSWORD))
                .post("/api/auth/register")
                .then().statusCode(201)
                .extract().jsonPath();
        String token = body.getString("access_token");
        return new Account(email, PASSWORD, token, body.getString("refresh_token"), body.getString("user.id"),
                           personalWorkspace(token));
    }

    /** A private-range IPv4 address, different on (almost) every call. */
    public static String randomAddress() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    public static Account login(String email, String password) {
        var body = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password))
                .post("/api/auth/login")
                .then().statusCode(200)
                .extract().jsonPath();
        String token = body.getString("access_token");
        return new Account(email, password, token, body.getString("refresh_token"), body.getString("user.id"),
                           personalWorkspace(token));
    }

    /** The caller's personal workspace (listed first by {@code GET /api/workspaces}). */
    static String personalWorkspace(String accessToken) {
        return as(accessToken).get("/api/workspaces").then().statusCode(200)
                .body("items[0].personal", org.hamcrest.Matchers.equalTo(true)).extract().path("items[0].id");
    }

    public static RequestSpecification as(String accessToken) {
        return given().header("Authorization", "Bearer " + accessToken);
    }

    public static RequestSpecification as(Account account) {
        return as(account.accessToken());
    }

    /** Asserts an RFC 9457 body with this status and no internals. */
    public static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("status", org.hamcrest.Matchers.equalTo(status))
                .body("title", org.hamcrest.Matchers.notNullValue())
                .body("type", org.hamcrest.Matchers.startsWith("https://"))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Exception")))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("at dev.poststride")));
    }

    /** The decoded JSON payload of a JWT, as text. */
    public static String jwtPayload(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    }
}
