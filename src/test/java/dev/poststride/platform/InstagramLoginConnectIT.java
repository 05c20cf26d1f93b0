package dev.poststride.platform;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class InstagramLoginConnectIT extends InstagramLoginConnectTest {
}
