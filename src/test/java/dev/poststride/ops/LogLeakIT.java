package dev.poststride.ops;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Order;

/** Quarkus's launcher runs the binary with the same {@code quarkus.log.file.path}, so this reads the binary's log. */
@QuarkusIntegrationTest
@Order(Integer.MAX_VALUE)
class LogLeakIT extends LogLeakTest {
}
