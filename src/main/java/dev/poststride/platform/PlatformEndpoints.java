package dev.poststride.platform;

import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The endpoints and app credentials to use for a platform: the configured ones, or in dev mode, for a platform
 * without a configured client id, the built-in sandbox. Every call to a platform starts here.
 */
@ApplicationScoped
public class PlatformEndpoints {

    static final String SANDBOX_CLIENT_ID = "sandbox-client";
    static final String SANDBOX_CLIENT_SECRET = "sandbox-client-secret";

    private final PlatformsConfig platforms;
    private final SandboxConfig sandbox;

    PlatformEndpoints(PlatformsConfig platforms, SandboxConfig sandbox) {
        this.platforms = platforms;
        this.sandbox = sandbox;
    }

    /** One platform's resolved endpoints; {@code clientId} empty means it cannot be connected here. */
    public record Resolved(PlatformKey platform, String apiUrl, String authorizeUrl, String tokenUrl,
                           Optional<String> clientId, Optional<String> clientSecret, boolean sandbox) {

        public boolean connectable() {
            return clientId.isPresent();
        }

        @Override
        public String toString() {
            // Never print the client secret, whatever logs this record.
            return "Resolved[" + platform + ", api=" + apiUrl + ", sandbox=" + sandbox + "]";
        }
    }

    public Resolved of(PlatformKey key) {
        return of(key, null);
    }

    /** A platform's endpoints for the connect flow a connection stores ({@link ConnectFlow#stored()}). */
    public Resolved of(PlatformKey key, String flow) {
        if (ConnectFlow.INSTAGRAM_LOGIN.stored().equals(flow)) {
            // The sandbox serves Instagram Login as a platform of its own, /sandbox/instagram-login.
            return resolve(key, platforms.instagram().login(), "instagram-login");
        }
        return resolve(key, platforms.of(key), key.key());
    }

    private Resolved resolve(PlatformKey key, PlatformsConfig.App configured, String sandboxName) {
        Optional<String> clientId = configured.clientId().filter(id -> !id.isBlank());
        if (clientId.isEmpty() && sandboxActive()) {
            String base = trimSlash(sandbox.baseUrl()) + "/" + sandboxName;
            return new Resolved(key, base, base + "/oauth/authorize", base + "/oauth/token",
                                Optional.of(SANDBOX_CLIENT_ID), Optional.of(SANDBOX_CLIENT_SECRET), true);
        }
        return new Resolved(key, trimSlash(configured.apiUrl()), configured.authorizeUrl(), configured.tokenUrl(),
                            clientId, configured.clientSecret().filter(s -> !s.isBlank()), false);
    }

    private boolean sandboxActive() {
        return sandbox.enabled() && LaunchMode.current() != LaunchMode.NORMAL;
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
