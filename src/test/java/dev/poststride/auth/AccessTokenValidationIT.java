package dev.poststride.auth;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same assertions against the packaged (in CI: native) binary. */
@QuarkusIntegrationTest
class AccessTokenValidationIT extends AccessTokenValidationTest {
}
