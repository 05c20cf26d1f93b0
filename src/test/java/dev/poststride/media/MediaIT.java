package dev.poststride.media;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class MediaIT extends MediaTest {
}
