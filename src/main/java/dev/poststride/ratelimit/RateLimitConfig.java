package dev.poststride.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The API's own rate limits ({@code POSTSTRIDE_RATE_LIMIT_*}): how many requests a signed-in user, and separately
 * each API key, may make per window, over all instances together.
 */
@ConfigMapping(prefix = "poststride.rate-limit")
public interface RateLimitConfig {

    /** Off only where something in front of the service limits callers instead. */
    @WithDefault("true")
    boolean enabled();

    /** Requests per window for a signed-in user (their access tokens together). */
    @WithDefault("1200")
    int perUser();

    /** Requests per window for one API key. */
    @WithDefault("600")
    int perKey();

    @WithDefault("1m")
    Duration window();

    /**
     * How often each instance reports itself alive; an instance unheard of for three of these no longer counts when
     * the limits are split between instances.
     */
    @WithDefault("10s")
    Duration heartbeat();
}
