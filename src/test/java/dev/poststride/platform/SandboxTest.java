package dev.poststride.platform;

import static dev.poststride.support.Api.as;
import static dev.poststride.support.OAuthFlow.queryParams;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.poststride.support.Api;
import dev.poststride.support.OAuthFlow;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dev sandbox: with no client ids configured, every platform is served by the app's own fakes, whose consent
 * step approves at once — and the real OAuth client code runs against them.
 */
@QuarkusTest
@TestProfile(SandboxTest.NoClientIds.class)
class SandboxTest {

    public static class NoClientIds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            for (String platform : new String[] {"x", "linkedin", "instagram", "facebook", "tiktok"}) {
                config.put("platforms." + platform + ".client-id", "");
            }
            config.put("platforms.instagram.login.client-id", "");
            config.put("platforms.threads.client-id", "");
            return config;
        }
    }

    @Test
    void theSandboxFakesAreServedButAreNoPartOfTheApiDocument() {
        given().get("/sandbox/x/2/users/me").then().statusCode(200);
        Map<String, Object> paths = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().path("paths");
        assertThat(paths).isNotEmpty();
        assertThat(paths.keySet()).noneMatch(path -> path.startsWith("/sandbox"));
    }

    @Test
    void aNewUserConnectsAllFivePlatformsWithoutARealAccount() {
        Api.Account user = Api.register();
        for (String platform : new String[] {"x", "linkedin", "instagram", "facebook", "tiktok"}) {
            OAuthFlow.Started started = OAuthFlow.start(user, platform);
            assertThat(started.authorizationUrl()).contains("/sandbox/" + platform + "/oauth/authorize");

            String consent = given().urlEncodingEnabled(false).redirects().follow(false).get(started.authorizationUrl())
                    .then().statusCode(302).extract().header("Location");
            Map<String, String> back = queryParams(consent);
            assertThat(back.get("state")).isEqualTo(started.state());
            OAuthFlow.callback(platform, back.get("code"), back.get("state")).then().statusCode(200)
                    .body("platform", equalTo(platform)).body("status", equalTo("active"));
        }
        // Five platforms, and the Company Page the sandbox's LinkedIn member administers.
        as(user).get("/api/platforms/connected").then().body("items", hasSize(6))
                .body("items.find { it.account_id == 'urn:li:organization:1001' }.account_name",
                      equalTo("Sandbox Company"));

        String x = as(user).get("/api/platforms/connected").then().extract()
                .path("items.find { it.platform == 'x' }.id");
        as(user).post("/api/platforms/connected/" + x + "/refresh").then().statusCode(200)
                .body("status", equalTo("active"));
    }

    @Test
    void aScheduledPostGoesFromScheduledToPublishedOnEverySandboxPlatform() throws Exception {
        Api.Account user = Api.register();
        java.util.List<Map<String, Object>> targets = new java.util.ArrayList<>();
        for (String platform : new String[] {"x", "linkedin", "instagram", "facebook", "tiktok"}) {
            OAuthFlow.Started started = OAuthFlow.start(user, platform);
            Map<String, String> back = queryParams(given().urlEncodingEnabled(false).redirects().follow(false)
                                                           .get(started.authorizationUrl()).then().statusCode(302)
                                                           .extract().header("Location"));
            String id = OAuthFlow.callback(platform, back.get("code"), back.get("state")).then().statusCode(200)
                    .extract().path("id");
            // TikTok needs the user's privacy choice; the sandbox creator allows public and private.
            targets.add(platform.equals("tiktok") ? Map.of("connection_id", id, "options",
                                                           Map.of("privacy_level", "SELF_ONLY", "allow_comment", true))
                                : Map.of("connection_id", id));
        }
        String image = as(user).multiPart("file", "sandbox.jpg", dev.poststride.support.TestFiles.jpeg(16, 16),
                                          "image/jpeg").post("/api/media").then().statusCode(201).extract().path("id");
        String post = as(user).contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("content", "Hello from the sandbox", "targets", targets, "media_ids",
                             java.util.List.of(image),
                             "scheduled_at", java.time.Instant.now().plusSeconds(3600).toString()))
                .post("/api/posts").then().statusCode(201).body("status", equalTo("scheduled")).extract().path("id");
        try (var c = dev.poststride.support.Sql.connect()) {
            dev.poststride.support.Sql.exec(c, "update post_platforms set next_attempt_at = now() - interval '1 second'"
                                               + " where post_id = ?", java.util.UUID.fromString(post));
        }

        given().header("Authorization", "Bearer test-trigger-secret").post("/api/internal/publish-cycle").then()
                .statusCode(200).body("published", equalTo(5));

        as(user).get("/api/posts/" + post).then().statusCode(200)
                .body("status", equalTo("published"))
                .body("targets.status", org.hamcrest.Matchers.everyItem(equalTo("published")))
                .body("targets.permalink", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.startsWith("https://")));
    }

    @Test
    void instagramLoginConnectsRenewsAndPublishesInTheSandbox() throws Exception {
        Api.Account user = Api.register();
        OAuthFlow.Started started = OAuthFlow.startFlow(user, "instagram", "instagram_login");
        assertThat(started.authorizationUrl()).contains("/sandbox/instagram-login/oauth/authorize");
        Map<String, String> back = queryParams(given().urlEncodingEnabled(false).redirects().follow(false)
                                                       .get(started.authorizationUrl()).then().statusCode(302)
                                                       .extract().header("Location"));
        String id = OAuthFlow.callback("instagram", back.get("code"), back.get("state")).then().statusCode(200)
                .body("flow", equalTo("instagram_login")).body("account_name", equalTo("sandbox_insta_pro"))
                .extract().path("id");
        // Renewed with ig_refresh_token once a day old (the sandbox checks the grant and the token it renews).
        assertRenewedOnceADayOld(user, id);

        String image = as(user).multiPart("file", "pro.jpg", dev.poststride.support.TestFiles.jpeg(16, 16),
                                          "image/jpeg").post("/api/media").then().statusCode(201).extract().path("id");
        String post = as(user).contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("content", "Hello without a Page",
                             "targets", java.util.List.of(Map.of("connection_id", id)),
                             "media_ids", java.util.List.of(image),
                             "scheduled_at", java.time.Instant.now().plusSeconds(3600).toString()))
                .post("/api/posts").then().statusCode(201).extract().path("id");
        try (var c = dev.poststride.support.Sql.connect()) {
            dev.poststride.support.Sql.exec(c, "update post_platforms set next_attempt_at = now() - interval '1 second'"
                                               + " where post_id = ?", java.util.UUID.fromString(post));
        }
        given().header("Authorization", "Bearer test-trigger-secret").post("/api/internal/publish-cycle").then()
                .statusCode(200);
        as(user).get("/api/posts/" + post).then().statusCode(200).body("targets[0].status", equalTo("published"));
    }

    @Test
    void threadsConnectsRenewsAndPublishesAThreadInTheSandbox() throws Exception {
        Api.Account user = Api.register();
        OAuthFlow.Started started = OAuthFlow.start(user, "threads");
        assertThat(started.authorizationUrl()).contains("/sandbox/threads/oauth/authorize");
        Map<String, String> back = queryParams(given().urlEncodingEnabled(false).redirects().follow(false)
                                                       .get(started.authorizationUrl()).then().statusCode(302)
                                                       .extract().header("Location"));
        String id = OAuthFlow.callback("threads", back.get("code"), back.get("state")).then().statusCode(200)
                .body("platform", equalTo("threads")).body("account_name", equalTo("sandbox_threads"))
                .extract().path("id");
        // Renewed with th_refresh_token once a day old.
        assertRenewedOnceADayOld(user, id);

        String image = as(user).multiPart("file", "t.jpg", dev.poststride.support.TestFiles.jpeg(16, 16),
                                          "image/jpeg").post("/api/media").then().statusCode(201).extract().path("id");
        String post = as(user).contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("content", "Hello, Threads",
                             "targets", java.util.List.of(Map.of("connection_id", id, "options", Map.of(
                                     "thread", java.util.List.of("and a second part")))),
                             "media_ids", java.util.List.of(image),
                             "scheduled_at", java.time.Instant.now().plusSeconds(3600).toString()))
                .post("/api/posts").then().statusCode(201).extract().path("id");
        dev.poststride.support.TimeTravel.makeDue(post);
        given().header("Authorization", "Bearer test-trigger-secret").post("/api/internal/publish-cycle").then()
                .statusCode(200);
        as(user).get("/api/posts/" + post).then().statusCode(200).body("targets[0].status", equalTo("published"))
                .body("targets[0].permalink", org.hamcrest.Matchers.startsWith("https://www.threads.com/"));
    }

    @Test
    void theSandboxChecksThePkceVerifier() {
        Api.Account user = Api.register();
        OAuthFlow.Started started = OAuthFlow.start(user, "x");
        String consent = given().urlEncodingEnabled(false).redirects().follow(false).get(started.authorizationUrl())
                .then().statusCode(302).extract().header("Location");
        String code = queryParams(consent).get("code");
        // A code issued for another challenge does not pass the sandbox's verifier check.
        String forged = code.replaceFirst("^sbx\\.[^.]+\\.", "sbx.not-the-challenge.");
        Api.problem(OAuthFlow.callback("x", forged, started.state()).then(), 400)
                .body("detail", org.hamcrest.Matchers.containsString("invalid_grant"));
    }

    /** A token two days old is renewed on request: the connection stays active and holds a new sealed token. */
    private static void assertRenewedOnceADayOld(Api.Account user, String id) throws Exception {
        java.util.UUID connection = java.util.UUID.fromString(id);
        Object before;
        try (var c = dev.poststride.support.Sql.connect()) {
            dev.poststride.support.Sql.exec(c, "update user_platforms set token_refreshed_at = now() - interval"
                                               + " '2 days' where id = ?", connection);
            before = dev.poststride.support.Sql.value(c, "select access_token_ciphertext from user_platforms"
                                                         + " where id = ?", connection);
        }
        as(user).post("/api/platforms/connected/" + id + "/refresh").then().statusCode(200)
                .body("status", equalTo("active"));
        try (var c = dev.poststride.support.Sql.connect()) {
            assertThat(dev.poststride.support.Sql.value(c, "select access_token_ciphertext from user_platforms"
                                                           + " where id = ?", connection))
                    .isNotEqualTo(before);
        }
    }
}
