package dev.poststride.publishing;

import static dev.poststride.support.Api.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The other side of the switch: with the scheduler on, the dispatcher runs on its own; with no secret, no trigger. */
@QuarkusTest
@TestProfile(SchedulerEnabledTest.SchedulerOn.class)
class SchedulerEnabledTest {

    public static class SchedulerOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("poststride.publishing.scheduler-enabled", "true",
                          "poststride.publishing.interval", "0.2s",
                          "poststride.publishing.initial-delay", "0s",
                          "poststride.publishing.trigger-secret", " ");
        }
    }

    @Test
    void theDispatcherRunsWithoutAnyTrigger() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (PublishTriggerTest.cycles("dispatcher") == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(PublishTriggerTest.cycles("dispatcher")).isPositive();
    }

    @Test
    void withoutAConfiguredSecretTheTriggerIsDisabled() {
        problem(given().header("Authorization", "Bearer  ").post("/api/internal/publish-cycle").then(), 403);
    }
}
