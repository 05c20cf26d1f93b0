package dev.poststride.common;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same assertions against the packaged (in CI: native) binary. */
@QuarkusIntegrationTest
class InternalJobsIT extends InternalJobsTest {
}
