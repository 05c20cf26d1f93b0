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

        /** Failures on one account from one address (what guessing from one place looks like). */
        @WithDefault("5")
        int maxFailuresPerAccount();

        /**
         * Failures on one account from all addresses together: far above the per-address limit, so a stranger cannot
         * lock a user out, yet a distributed guess is stopped.
         */
        @WithDefault("100")
        int maxFailuresPerAccountOverall();

        @WithDefault("50")
        int maxFailuresPerAddress();

        /** Accounts registered from one address within the window. */
        @WithDefault("20")
        int maxRegistrationsPerAddress();

        /**
         * Wrong current passwords (profile changes, account deletion) on one account within the window. Read by the
         * user service ({@code UserService}), which cannot see this mapping; declared here with the other limits.
         */
        @WithDefault("5")
        int maxPasswordChecks();
    }
}
