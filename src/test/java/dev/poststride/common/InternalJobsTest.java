package dev.poststride.common;

import static dev.poststride.support.Api.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/internal/jobs/{name}}: the one trigger a cloud cron calls for each job, behind the trigger secret;
 * the older per-job paths are aliases of it (PublishTriggerTest, WebhookSmokeTest and TokenRefreshTest use those).
 */
@QuarkusTest
class InternalJobsTest {

    private static final String SECRET = "Bearer test-trigger-secret";

    @Test
    void eachJobRunsByItsNameAndAnswersItsReport() throws Exception {
        dev.poststride.support.Sql.cancelOpenTargets(); // nothing is due, whatever earlier tests left behind
        given().header("Authorization", SECRET).post("/api/internal/jobs/publish").then().statusCode(200)
                .body("published", equalTo(0)).body("remaining_due", equalTo(0));
        given().header("Authorization", SECRET).post("/api/internal/jobs/webhooks").then().statusCode(200)
                .body("delivered", notNullValue()).body("positioned", notNullValue());
        given().header("Authorization", SECRET).post("/api/internal/jobs/token-refresh").then().statusCode(200)
                .body("refreshed", notNullValue()).body("needs_reauth", notNullValue());
        given().header("Authorization", SECRET).post("/api/internal/jobs/retention").then().statusCode(200)
                .body("publish_attempts", notNullValue()).body("oauth_states", notNullValue());
    }

    @Test
    void anAliasAnswersWhatItsJobAnswers() throws Exception {
        dev.poststride.support.Sql.cancelOpenTargets();
        given().header("Authorization", SECRET).post("/api/internal/publish-cycle").then().statusCode(200)
                .body("published", equalTo(0)).body("remaining_due", equalTo(0));
    }

    @Test
    void anUnknownJobIs404NamingTheJobsThereAre() {
        problem(given().header("Authorization", SECRET).post("/api/internal/jobs/publishing").then(), 404)
                .body("detail", allOf(containsString("'publishing'"), containsString("publish, retention,"
                                                                                     + " token-refresh, webhooks")));
        // A name that is not a job name is not repeated back.
        problem(given().header("Authorization", SECRET).urlEncodingEnabled(true)
                        .post("/api/internal/jobs/{name}", "<script>alert(1)</script>").then(), 404)
                .body("detail", not(containsString("script")));
    }

    @Test
    void withoutTheSecretNoJobRunsAndNoJobNameIsTold() {
        problem(given().post("/api/internal/jobs/publish").then(), 401);
        problem(given().header("Authorization", "Bearer wrong-secret").post("/api/internal/jobs/retention").then(),
                401);
        problem(given().header("Authorization", "Bearer wrong-secret").post("/api/internal/jobs/nothing").then(),
                401).body("detail", not(containsString("token-refresh")));
    }
}
