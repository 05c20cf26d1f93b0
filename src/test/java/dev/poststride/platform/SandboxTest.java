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
            return config;
        }
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
        as(user).get("/api/platforms/connected").then().body("items", hasSize(5));

        String x = as(user).get("/api/platforms/connected").then().extract()
                .path("items.find { it.platform == 'x' }.id");
        as(user).post("/api/platforms/connected/" + x + "/refresh").then().statusCode(200)
                .body("status", equalTo("active"));
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
}
