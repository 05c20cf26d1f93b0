package dev.poststride.platform;

import static dev.poststride.support.Api.as;
import static dev.poststride.support.Api.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.poststride.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A server with Facebook Login's Instagram app but without Instagram Login's (and no sandbox to fall back on). */
@QuarkusTest
@TestProfile(InstagramLoginUnconfiguredTest.WithoutInstagramLogin.class)
class InstagramLoginUnconfiguredTest {

    public static class WithoutInstagramLogin implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("platforms.instagram.login.client-id", "", "poststride.sandbox.enabled", "false");
        }
    }

    @Test
    void theCatalogueSaysWhichFlowIsSetUpAndTheOtherIsAClear409() {
        JsonPath catalogue = given().get("/api/platforms").then().statusCode(200).extract().jsonPath();
        assertThat(catalogue.getBoolean("items.find { it.key == 'instagram' }.connectable")).isTrue();
        assertThat(catalogue.getList("items.find { it.key == 'instagram' }.connect_flows.connectable"))
                .containsExactly(true, false);

        Api.Account user = Api.register();
        problem(as(user).contentType(ContentType.JSON).body(Map.of("platform", "instagram", "flow", "instagram_login"))
                        .post("/api/platforms/connect").then(), 409)
                .body("detail", containsString("instagram_login"))
                .body("errors[0].field", equalTo("flow"));
        as(user).contentType(ContentType.JSON).body(Map.of("platform", "instagram", "flow", "facebook_login"))
                .post("/api/platforms/connect").then().statusCode(200)
                .body("authorization_url", containsString("/instagram/v25.0/dialog/oauth"));
    }
}
