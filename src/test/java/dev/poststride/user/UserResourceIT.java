package dev.poststride.user;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same assertions against the packaged (in CI: native) binary. */
@QuarkusIntegrationTest
class UserResourceIT extends UserResourceTest {
}
