package dev.poststride.ratelimit;

import static dev.poststride.support.Api.as;
import static dev.poststride.support.Api.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.poststride.support.Api;
import dev.poststride.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The API's own limits: per API key and per signed-in user, each in its own bucket, answered past the limit with
 * 429, {@code Retry-After} and the IETF {@code RateLimit}/{@code RateLimit-Policy} fields; split between the live
 * instances of the service.
 */
@QuarkusTest
@TestProfile(RateLimitTest.SmallLimits.class)
class RateLimitTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("poststride.rate-limit.per-key", "5", "poststride.rate-limit.per-user", "8");
        }
    }

    @Inject
    LiveInstances instances;

    private static String key(Api.Account user) {
        return as(user).contentType(ContentType.JSON).body(Map.of("name", "cron", "scopes", List.of("posts:read")))
                .post("/api/workspaces/" + user.workspaceId() + "/keys").then().statusCode(201).extract().path("key");
    }

    @Test
    void aKeyPastItsLimitGets429WithRetryAfterWhileItsCreatorAndOthersGoOn() {
        Api.Account user = Api.register(); // registering and finding the workspace: two of the user's 8
        String key = key(user);
        for (int i = 1; i <= 5; i++) {
            given().header("Authorization", "Bearer " + key).get("/api/posts").then().statusCode(200)
                    .header("RateLimit-Policy", "\"key\";q=5;w=60")
                    .header("RateLimit", containsString("\"key\";r=" + (5 - i) + ";t="));
        }
        Response refused = given().header("Authorization", "Bearer " + key).get("/api/posts");
        problem(refused.then(), 429).body("detail", containsString("5 requests per 60 s"))
                .header("RateLimit-Policy", "\"key\";q=5;w=60").header("RateLimit", containsString("\"key\";r=0;t="));
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1, 60);
        assertThat(refused.header("RateLimit")).endsWith(";t=" + retryAfter);

        as(user).get("/api/posts").then().statusCode(200).header("RateLimit-Policy", "\"user\";q=8;w=60");
        as(Api.register()).get("/api/posts").then().statusCode(200);
        given().get("/api/platforms").then().statusCode(200).header("RateLimit", nullValue());
    }

    @Test
    void aSignedInUserPastTheLimitGets429AndItAppliesToEveryCall() {
        Api.Account user = Api.register();
        int status = 200;
        int answered = 1; // the workspace lookup of Api.register
        while (status != 429 && answered < 20) {
            status = as(user).contentType(ContentType.JSON).body(Map.of("content", "draft " + answered))
                    .post("/api/posts").statusCode();
            answered++;
        }
        assertThat(answered).isEqualTo(9); // the 9th request of the user
        as(user).get("/api/posts").then().statusCode(429);
        as(user).get("/api/users/me").then().statusCode(429);
    }

    @Test
    void eachInstanceTakesItsShareOfTheLimit() throws Exception {
        try (Connection c = Sql.connect()) {
            Sql.exec(c, "insert into live_instances (id, started_at, seen_at) values ('another', now(), now())");
            try {
                assertThat(instances.refresh()).isEqualTo(2);
                Api.Account user = Api.register();
                given().header("Authorization", "Bearer " + key(user)).get("/api/posts").then().statusCode(200)
                        .header("RateLimit-Policy", "\"key\";q=3;w=60"); // 5 over 2 instances, rounded up
            } finally {
                Sql.exec(c, "delete from live_instances where id = 'another'");
            }
            assertThat(instances.refresh()).isEqualTo(1);
            assertThat(Sql.value(c, "select count(*) from live_instances where seen_at < now() - interval '5 minutes'"))
                    .isEqualTo(0L);
        }
        given().header("Authorization", "Bearer psk_live_unknown").get("/api/posts").then().statusCode(401)
                .header("RateLimit", equalTo(null));
    }
}
