package dev.poststride.ops;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class LogLeakIT extends LogLeakTest {
}
