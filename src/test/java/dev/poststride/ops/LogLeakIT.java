package dev.poststride.ops;

import dev.poststride.support.TestEnvironment;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Order;

@QuarkusIntegrationTest
@Order(Integer.MAX_VALUE)
class LogLeakIT extends LogLeakTest {

    /** The packaged binary's output, captured by Quarkus's launcher. */
    @Override
    Path logFile() {
        return TestEnvironment.BINARY_LOG;
    }
}
