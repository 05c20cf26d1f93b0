package dev.poststride.publishing;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same assertions against the packaged (in CI: native) binary. */
@QuarkusIntegrationTest
class PublishTriggerIT extends PublishTriggerTest {
}
