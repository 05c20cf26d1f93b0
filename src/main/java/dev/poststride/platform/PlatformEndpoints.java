package dev.poststride.platform;

import dev.poststride.platform.oauth.PlatformOAuths;
import dev.poststride.platforms.ApiUrls;
import dev.poststride.platforms.AppEndpoints;
import dev.poststride.platforms.PlatformApp;
import dev.poststride.platforms.PlatformKey;
import dev.poststride.platforms.PlatformOAuth;
import dev.poststride.platforms.SandboxConfig;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The endpoints and app credentials to use for a platform's connect flow: the configured ones (each module's
 * {@code platforms.<key>.*}), or in dev mode, for a flow without a configured client id, the built-in sandbox. Every
 * call to a platform starts here.
 */
@ApplicationScoped
public class PlatformEndpoints implements ApiUrls {

    static final String SANDBOX_CLIENT_ID = "sandbox-client";
    static final String SANDBOX_CLIENT_SECRET = "sandbox-client-secret";

    private final PlatformOAuths oauths;
    private final SandboxConfig sandbox;

    PlatformEndpoints(PlatformOAuths oauths, SandboxConfig sandbox) {
        this.oauths = oauths;
        this.sandbox = sandbox;
    }

    public AppEndpoints of(PlatformKey key) {
        return of(key, null);
    }

    /** A platform's endpoints for the connect flow a connection stores ({@link PlatformOAuth#flow()}). */
    public AppEndpoints of(PlatformKey key, String flow) {
        PlatformOAuth oauth = oauths.of(key, flow);
        PlatformApp configured = oauth.app();
        Optional<String> clientId = configured.clientId().filter(id -> !id.isBlank());
        if (clientId.isEmpty() && sandboxActive()) {
            String base = trimSlash(sandbox.baseUrl()) + "/" + oauth.sandboxName();
            return new AppEndpoints(key, base, base + "/oauth/authorize", base + "/oauth/token",
                                    Optional.of(SANDBOX_CLIENT_ID), Optional.of(SANDBOX_CLIENT_SECRET), true);
        }
        return new AppEndpoints(key, trimSlash(configured.apiUrl()), configured.authorizeUrl(),
                                configured.tokenUrl(), clientId, configured.clientSecret().filter(s -> !s.isBlank()),
                                false);
    }

    @Override
    public String apiUrl(PlatformKey platform, String flow) {
        return of(platform, flow).apiUrl();
    }

    private boolean sandboxActive() {
        return sandbox.enabled() && LaunchMode.current() != LaunchMode.NORMAL;
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
