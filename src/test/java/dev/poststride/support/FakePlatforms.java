package dev.poststride.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * One WireMock server standing in for every platform, each under its own path prefix ({@code /x},
 * {@code /linkedin}, {@code /facebook}, {@code /instagram}, {@code /tiktok}, {@code /threads}, and
 * {@code /instagram-login} for Instagram's second connect flow), on a free port. Hands the URLs and app credentials
 * to the service (JVM tests and the packaged binary alike) and the server to test fields marked
 * {@link InjectFakePlatforms}.
 *
 * <p>Every secret the fakes hand out or are configured with contains {@link #SECRET_MARK}, so a test can search
 * responses, the database and the logs for any leak.
 */
@QuarkusTestResource(value = FakePlatforms.class, restrictToAnnotatedClass = false)
public class FakePlatforms implements QuarkusTestResourceLifecycleManager {

    public static final String SECRET_MARK = "SECRET-";
    public static final String CALLBACK_BASE = "https://api.poststride.test";
    public static final String ALLOWED_REDIRECT = "https://app.example.com/connected";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort()
                                            .notifier(new ConsoleNotifier(false)));
        server.start();
        String base = "http://localhost:" + server.port();
        Map<String, String> config = new HashMap<>();
        platform(config, "x", base + "/x", base + "/x/i/oauth2/authorize", base + "/x/2/oauth2/token");
        platform(config, "linkedin", base + "/linkedin", base + "/linkedin/oauth/v2/authorization",
                 base + "/linkedin/oauth/v2/accessToken");
        platform(config, "facebook", base + "/facebook/v25.0", base + "/facebook/v25.0/dialog/oauth",
                 base + "/facebook/v25.0/oauth/access_token");
        platform(config, "instagram", base + "/instagram/v25.0", base + "/instagram/v25.0/dialog/oauth",
                 base + "/instagram/v25.0/oauth/access_token");
        platform(config, "tiktok", base + "/tiktok", base + "/tiktok/v2/auth/authorize/",
                 base + "/tiktok/v2/oauth/token/");
        platform(config, "threads", base + "/threads/v1.0", base + "/threads/oauth/authorize",
                 base + "/threads/oauth/access_token");
        // Instagram Login, Instagram's second connect flow: its own app and hosts (graph.instagram.com and
        // api.instagram.com in production), here under /instagram-login.
        config.put("platforms.instagram.login.api-url", base + "/instagram-login/v25.0");
        config.put("platforms.instagram.login.authorize-url", base + "/instagram-login/oauth/authorize");
        config.put("platforms.instagram.login.token-url", base + "/instagram-login/oauth/access_token");
        config.put("platforms.instagram.login.client-id", clientId("instagram-login"));
        config.put("platforms.instagram.login.client-secret", clientSecret("instagram-login"));
        config.put("poststride.connect.callback-base-url", CALLBACK_BASE);
        config.put("poststride.connect.allowed-redirect-uris", ALLOWED_REDIRECT);
        config.put("poststride.connect.read-timeout", "2s");
        config.put("poststride.tokens.initial-backoff", "1m");
        // Publishing: a short read timeout for the timeout tests, small chunks to see a chunk sequence, and no
        // waiting between status polls (the fakes answer check_after_secs 0).
        config.put("poststride.publishing.read-timeout", "2s");
        config.put("platforms.linkedin.organizations", "true");
        config.put("poststride.publishing.upload-chunk-bytes", "4096");
        config.put("poststride.publishing.max-status-polls", "3");
        config.put("poststride.publishing.max-poll-wait", "0s");
        config.put("poststride.publishing.max-concurrent", "16");
        return config;
    }

    private static void platform(Map<String, String> config, String key, String api, String authorize,
                                 String token) {
        config.put("platforms." + key + ".api-url", api);
        config.put("platforms." + key + ".authorize-url", authorize);
        config.put("platforms." + key + ".token-url", token);
        config.put("platforms." + key + ".client-id", clientId(key));
        config.put("platforms." + key + ".client-secret", clientSecret(key));
    }

    public static String clientId(String platform) {
        return platform + "-client-id";
    }

    public static String clientSecret(String platform) {
        return SECRET_MARK + platform + "-client-secret";
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(InjectFakePlatforms.class,
                                                                                  WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
