package dev.poststride.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststride.support.FakePlatforms;
import dev.poststride.support.TestEnvironment;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after the other test classes of its profile group ({@code junit.quarkus.orderer.secondary-orderer} in
 * {@code application.properties}) and reads everything the service logged up to then (every launch of the packaged
 * binary included, see {@link TestEnvironment#ALL_LAUNCHES_LOG}): no token, client secret or code verifier the fakes
 * handed out may appear in it. Every such secret carries {@link FakePlatforms#SECRET_MARK}.
 */
@QuarkusTest
@Order(Integer.MAX_VALUE)
class LogLeakTest {

    @Test
    void noSecretReachedTheLogsOfTheWholeRun() throws Exception {
        String text = Files.readString(TestEnvironment.ALL_LAUNCHES_LOG);

        // The run did log connections and refreshes (so the check below looks at real output)...
        assertThat(text).contains("account").contains("connected for user");
        // ...and none of their secrets, nor a webhook signing secret or an event-stream ticket of ours.
        assertThat(text).doesNotContain(FakePlatforms.SECRET_MARK).doesNotContain("whsec_").doesNotContain("pst_");
    }
}
