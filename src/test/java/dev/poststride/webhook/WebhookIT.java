package dev.poststride.webhook;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class WebhookIT extends WebhookSmokeTest {
}
