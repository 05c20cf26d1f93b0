package dev.poststride.post;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class PostIT extends PostTest {
}
