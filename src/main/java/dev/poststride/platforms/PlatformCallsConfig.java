package dev.poststride.platforms;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How the HTTP kit calls platforms: publishing calls ({@code poststride.publishing.*}, env
 * {@code POSTSTRIDE_PUBLISHING_*}, beside the engine's own settings) and the connect flows' calls
 * ({@code poststride.connect.*}: a person waits in a browser).
 */
@ConfigMapping(prefix = "poststride.publishing")
public interface PlatformCallsConfig {

    /** Time limits for calls that publish. */
    @WithDefault("5s")
    Duration connectTimeout();

    @WithDefault("30s")
    Duration readTimeout();

    /** Bytes per chunk of chunked media uploads. */
    @WithDefault("1048576")
    int uploadChunkBytes();

    /** How often and how long to poll a platform that is processing media before giving up. */
    @WithDefault("20")
    int maxStatusPolls();

    @WithDefault("30s")
    Duration maxPollWait();

    /** The connect flows' calls (token endpoints, identity). */
    @ConfigMapping(prefix = "poststride.connect")
    interface Connect {

        /** Time limit for connecting to a platform's OAuth endpoints. */
        @WithDefault("5s")
        Duration connectTimeout();

        /** Time limit for a platform's OAuth answer. */
        @WithDefault("15s")
        Duration readTimeout();
    }
}
