package dev.poststride.publishing;

import static dev.poststride.support.Api.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PublishTriggerTest {

    @Test
    void withoutTheSecretTheTriggerIs401() {
        problem(given().post("/api/internal/publish-cycle").then(), 401);
        problem(given().header("Authorization", "Bearer wrong-secret").post("/api/internal/publish-cycle").then(),
                401);
        problem(given().header("Authorization", "test-trigger-secret").post("/api/internal/publish-cycle").then(),
                401);
    }

    @Test
    void withTheSecretItRunsOneCycle() throws Exception {
        dev.poststride.support.Sql.cancelOpenTargets(); // nothing is due, whatever earlier tests left behind
        double before = cycles("endpoint");
        given().header("Authorization", "Bearer test-trigger-secret").post("/api/internal/publish-cycle")
                .then().statusCode(200)
                .body("claimed", equalTo(0)).body("published", equalTo(0)).body("failed", equalTo(0))
                .body("retrying", equalTo(0)).body("remaining_due", equalTo(0));
        assertThat(cycles("endpoint")).isEqualTo(before + 1);
    }

    @Test
    void theDispatcherSwitchedOffByConfigNeverRuns() {
        // The test configuration turns the scheduler off; DispatcherTest shows it runs when it is on.
        assertThat(cycles("dispatcher")).isZero();
    }

    /** The count of publish cycles per trigger, read from the Prometheus endpoint as an operator would. */
    static double cycles(String trigger) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith("poststride_publish_cycles_total{")
                        && line.contains("trigger=\"" + trigger + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
