package dev.poststride.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "poststride.tokens")
public interface TokenRefreshConfig {

    /** Whether this instance runs the refresh job on its own timer (a cron may call the trigger instead). */
    @WithDefault("true")
    boolean schedulerEnabled();

    /** How often the refresh job looks for tokens that expire soon. */
    @WithDefault("60s")
    Duration interval();

    /** How long one instance holds a connection's refresh before another may take it over. */
    @WithDefault("2m")
    Duration leaseDuration();

    /** Most connections one run refreshes. */
    @WithDefault("50")
    int batchSize();

    /** First wait after a failed (timeout, 5xx) refresh; it doubles per failure up to {@link #maxBackoff()}. */
    @WithDefault("1m")
    Duration initialBackoff();

    @WithDefault("1h")
    Duration maxBackoff();

    /**
     * A publish that meets an expired-token answer refreshes the connection only if its tokens were not renewed
     * within this time; otherwise it uses the tokens just renewed, and a refusal of those counts as a blip.
     */
    @WithDefault("1m")
    Duration minSpacing();
}
