package dev.poststride.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "poststride.auth")
public interface AuthConfig {

    /** Lifetime of an access token (JWT). */
    @WithDefault("15M")
    Duration accessTokenTtl();

    /** Lifetime of a refresh token; each refresh issues a new one. */
    @WithDefault("30D")
    Duration refreshTokenTtl();

    Throttle throttle();

    interface Throttle {
        /** Failures are counted within this window. */
        @WithDefault("15M")
        Duration window();

        /** How long logins stay refused once a limit is reached. */
        @WithDefault("15M")
        Duration block();

        @WithDefault("5")
        int maxFailuresPerAccount();

        @WithDefault("50")
        int maxFailuresPerAddress();
    }
}
