package dev.poststride.platforms;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The dev sandbox: fake platforms served by the app itself under {@code /sandbox/<key>}, used for every platform
 * that has no client id configured. The fake endpoints are compiled in only where {@code poststride.sandbox.enabled}
 * is true at build time (dev and test), so a prod build has none.
 */
@ConfigMapping(prefix = "poststride.sandbox")
public interface SandboxConfig {

    @WithDefault("false")
    boolean enabled();

    /** Where this app serves the fakes, as the REST clients reach it. */
    @WithDefault("http://localhost:8080/sandbox")
    String baseUrl();
}
