package dev.poststride.workspace;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class ApiKeyIT extends ApiKeyTest {
}
