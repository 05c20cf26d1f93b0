package dev.poststride.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Configuration every test run needs, for the JVM tests and for the packaged or native binary alike (which
 * runs the prod profile and so gets its database and keys only from here): the test PostgreSQL, a JWT key pair
 * the tests can also sign with, and cheap password hashing.
 */
@QuarkusTestResource(value = TestEnvironment.class, restrictToAnnotatedClass = false)
public class TestEnvironment implements QuarkusTestResourceLifecycleManager {

    /** The vault key of the test run: random, so nothing sealed in one run is readable in another. */
    public static final String VAULT_KEY = "test:" + java.util.Base64.getEncoder().encodeToString(
            new java.security.SecureRandom().generateSeed(32));
    public static final String LOG_FILE_PROPERTY = "poststride.test.log-file";
    public static final Path SERVICE_LOG = Path.of("target", "test-logs", "service.log").toAbsolutePath();
    public static final Path MEDIA_DIR = Path.of("target", "test-media").toAbsolutePath();
    public static final int MAX_IMAGE_BYTES = 256 * 1024;
    /** Each test user's media quota: room for the bucket tests' multipart videos (two 5 MiB parts and more). */
    public static final int MEDIA_QUOTA_BYTES = 16 * 1024 * 1024;

    /**
     * The service logs to {@link #SERVICE_LOG} ({@code %test.quarkus.log.file.*}; Quarkus's launcher starts the packaged
     * binary with the same path). It is emptied once per test JVM, before the service starts (a system property
     * survives the restarts of test profiles), so Surefire and Failsafe each check their own run.
     */
    private static void startLogFileAfresh() {
        if (System.getProperty(LOG_FILE_PROPERTY) != null) {
            return;
        }
        try {
            Files.createDirectories(SERVICE_LOG.getParent());
            Files.deleteIfExists(SERVICE_LOG);
            Files.deleteIfExists(ALL_LAUNCHES_LOG);
            System.setProperty(LOG_FILE_PROPERTY, SERVICE_LOG.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Everything the service logged in this test JVM, across launches: Quarkus's launcher of the packaged binary
     * empties {@link #SERVICE_LOG} before each launch (one per test profile), so the binary also writes to this file,
     * which nothing empties but {@link #startLogFileAfresh()}.
     */
    public static final Path ALL_LAUNCHES_LOG = Path.of("target", "test-logs", "all-launches.log").toAbsolutePath();

    @Override
    public Map<String, String> start() {
        TestKeys keys = TestKeys.createAndStore();
        Map<String, String> config = new HashMap<>();
        config.put("mp.jwt.verify.publickey", keys.publicKeyBase64());
        config.put("smallrye.jwt.sign.key", keys.privateKeyBase64());
        config.put("poststride.password.bcrypt-cost", "4");
        config.put("poststride.vault.key", VAULT_KEY);
        config.put("poststride.media.signing-key", java.util.Base64.getEncoder().encodeToString(
                new java.security.SecureRandom().generateSeed(32)));
        // Media land in known directories so tests can check that a refused upload leaves nothing behind, and
        // small per-kind limits let a test cross them cheaply.
        config.put("poststride.media.storage-dir", MEDIA_DIR.toString());
        config.put("poststride.media.max-image-bytes", Integer.toString(MAX_IMAGE_BYTES));
        config.put("poststride.media.quota-bytes", Integer.toString(MEDIA_QUOTA_BYTES));
        startLogFileAfresh();
        config.put("quarkus.log.handler.file.\"all-launches\".enabled", "true");
        config.put("quarkus.log.handler.file.\"all-launches\".path", ALL_LAUNCHES_LOG.toString());
        // Appended to by every launch: by default a file handler starts a new file at each boot (keeping five).
        config.put("quarkus.log.handler.file.\"all-launches\".rotation.rotate-on-boot", "false");
        config.put("quarkus.log.handler.file.\"all-launches\".rotation.max-file-size", "1G");
        config.put("quarkus.log.handlers", "all-launches");
        config.put("poststride.auth.throttle.max-failures-per-address", "10");
        // Lets a test pose as several client addresses through X-Forwarded-For.
        config.put("quarkus.http.proxy.proxy-address-forwarding", "true");
        config.put("quarkus.http.proxy.allow-x-forwarded", "true");
        // What the %test profile sets for the JVM tests, the prod-profile binary gets here (test profiles such as
        // DispatcherTest's still override it).
        config.put("poststride.publishing.scheduler-enabled", "false");
        config.put("poststride.publishing.trigger-secret", "test-trigger-secret");
        config.put("poststride.tokens.scheduler-enabled", "false");
        config.put("poststride.webhooks.worker-enabled", "false");
        config.put("poststride.webhooks.require-https", "false");
        config.put("poststride.webhooks.allowed-private-addresses", "127.0.0.1");
        config.put("poststride.webhooks.timeout", "2s");
        config.put("poststride.webhooks.connect-timeout", "1s");
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
