package dev.poststride.publishing;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Threads against the native binary: the same connect, publishing and scheduling checks. */
@QuarkusIntegrationTest
class ThreadsPublishingIT extends ThreadsPublishingTest {
}
