package dev.poststride.publishing;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class S3MediaIT extends S3MediaTest {
}
