package dev.poststride.ops;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same assertions against the packaged (in CI: native) binary. */
@QuarkusIntegrationTest
class OperationsIT extends OperationsTest {
}
