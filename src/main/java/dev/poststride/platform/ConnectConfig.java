package dev.poststride.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "poststride.connect")
public interface ConnectConfig {

    /**
     * This service's public base URL; platforms redirect to {@code <it>/api/platforms/<key>/callback}, which is
     * the callback URL to register with each platform's app.
     */
    String callbackBaseUrl();

    /** How long an authorization URL (its {@code state}) stays usable. */
    @WithDefault("10m")
    Duration stateTtl();

    /**
     * Where the callback may send the browser afterwards ({@code redirect_uri} of the connect call): each entry is
     * an origin with an optional path prefix, e.g. {@code https://app.example.com/settings}. Empty: none allowed.
     */
    Optional<List<String>> allowedRedirectUris();

    /**
     * Whether the connect flow's browser cookie is marked {@code Secure} (sent over HTTPS only). Leave it on in
     * production; browsers treat {@code http://localhost} as secure too.
     */
    @WithDefault("true")
    boolean cookieSecure();
}
