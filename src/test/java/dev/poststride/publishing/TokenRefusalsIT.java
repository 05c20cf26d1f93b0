package dev.poststride.publishing;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class TokenRefusalsIT extends TokenRefusalsTest {
}
