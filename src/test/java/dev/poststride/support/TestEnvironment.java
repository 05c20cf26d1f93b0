package dev.poststride.support;

import io.quarkus.test.common.DevServicesContext;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Configuration every test run needs, for the JVM tests and for the packaged or native binary alike (which
 * runs the prod profile and so gets its database and keys only from here): the test PostgreSQL, a JWT key pair
 * the tests can also sign with, and cheap password hashing.
 */
@QuarkusTestResource(value = TestEnvironment.class, restrictToAnnotatedClass = false)
public class TestEnvironment implements QuarkusTestResourceLifecycleManager, DevServicesContext.ContextAware {

    private boolean integrationTest;

    /** Called only when the tests run against the packaged binary, which uses the prod profile. */
    @Override
    public void setIntegrationTestContext(DevServicesContext context) {
        integrationTest = true;
    }

    @Override
    public Map<String, String> start() {
        TestKeys keys = TestKeys.createAndStore();
        Map<String, String> config = new HashMap<>();
        config.put("mp.jwt.verify.publickey", keys.publicKeyBase64());
        config.put("smallrye.jwt.sign.key", keys.privateKeyBase64());
        config.put("poststride.password.bcrypt-cost", "4");
        config.put("poststride.auth.throttle.max-failures-per-address", "10");
        // Lets a test pose as several client addresses through X-Forwarded-For.
        config.put("quarkus.http.proxy.proxy-address-forwarding", "true");
        config.put("quarkus.http.proxy.allow-x-forwarded", "true");
        if (integrationTest) {
            // What the %test profile sets for the JVM tests, the prod-profile binary gets here.
            config.put("poststride.publishing.scheduler-enabled", "false");
            config.put("poststride.publishing.trigger-secret", "test-trigger-secret");
        }
        String url = System.getenv("POSTSTRIDE_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            config.put("quarkus.datasource.jdbc.url", url);
            config.put("quarkus.datasource.username", System.getenv().getOrDefault("POSTSTRIDE_DB_USER", "poststride"));
            config.put("quarkus.datasource.password",
                       System.getenv().getOrDefault("POSTSTRIDE_DB_PASSWORD", "poststride"));
        }
        return config;
    }

    @Override
    public void stop() {
    }
}
