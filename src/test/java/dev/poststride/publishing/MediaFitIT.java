package dev.poststride.publishing;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class MediaFitIT extends MediaFitTest {
}
