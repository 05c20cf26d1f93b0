package dev.poststride.publishing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "poststride.publishing")
public interface PublishingConfig {

    /**
     * Whether this instance runs publish cycles on its own timer. Turn it off where the platform scales to
     * zero and a cloud cron calls {@code POST /api/internal/publish-cycle} instead.
     */
    @WithDefault("true")
    boolean schedulerEnabled();

    /** How often the in-process scheduler runs a cycle (read by {@code PublishScheduler}). */
    @WithDefault("10s")
    Duration interval();

    /** Delay of the first scheduled cycle after start-up, so start-up itself stays light. */
    @WithDefault("5s")
    Duration initialDelay();

    /** Secret a cron trigger sends as {@code Authorization: Bearer <secret>}; unset disables the endpoint. */
    Optional<String> triggerSecret();

    /** Attempts per target before it fails for good (rate limits and transient failures count). */
    @WithDefault("5")
    int maxAttempts();

    /** How long a claimed target belongs to the instance that claimed it; after that it may be recovered. */
    @WithDefault("5m")
    Duration leaseDuration();

    /** First wait after a transient failure; doubles per attempt (with jitter) up to {@link #maxBackoff()}. */
    @WithDefault("30s")
    Duration initialBackoff();

    @WithDefault("30m")
    Duration maxBackoff();

    /** Publishes running at once on this instance, and per platform (so one slow platform cannot starve others). */
    @WithDefault("8")
    int maxConcurrent();

    @WithDefault("4")
    int maxConcurrentPerPlatform();

    /** Time limits and answer size for calls to platforms. */
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

    /** The {@code LinkedIn-Version} of the versioned REST API (monthly versions live about a year). */
    @WithDefault("202606")
    String linkedinVersion();
}
