package dev.poststride.publishing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "poststride.publishing")
public interface PublishingConfig {

    /**
     * Whether this instance runs the dispatcher, the long-lived loop that publishes targets as they fall due. Turn
     * it off where the platform scales to zero and a cloud cron calls {@code POST /api/internal/publish-cycle}.
     */
    @WithDefault("true")
    boolean schedulerEnabled();

    /**
     * The fallback poll: the dispatcher looks for due targets at least this often even when no notification woke
     * it, and never sleeps longer than this.
     */
    @WithDefault("10s")
    Duration interval();

    /** Delay of the dispatcher's first claim after start-up, so start-up itself stays light. */
    @WithDefault("5s")
    Duration initialDelay();

    /** Whether the dispatcher listens for PostgreSQL notifications of new due targets (else it polls only). */
    @WithDefault("true")
    boolean listen();

    /**
     * How long one call of the cron trigger may take: it starts only what it expects to finish within it, then
     * waits for what it started. Keep it under the cron platform's request timeout.
     */
    @WithDefault("50s")
    Duration cronBudget();

    /** On shutdown, how long to wait for running publishes before the process ends. */
    @WithDefault("20s")
    Duration shutdownGrace();

    /** Secret a cron trigger sends as {@code Authorization: Bearer <secret>}; unset disables the endpoint. */
    Optional<String> triggerSecret();

    /**
     * Attempts per target before it fails for good (rate limits, transient failures and recoveries after a publish
     * stopped unexpectedly all count).
     */
    @WithDefault("5")
    int maxAttempts();

    /**
     * How long a claimed target belongs to the instance that claimed it unless renewed; a running publish renews it
     * every third of this. A lease not renewed in time (the instance died) lets another instance recover the target.
     */
    @WithDefault("5m")
    Duration leaseDuration();

    /**
     * How long one publish may run before this instance stops renewing its lease: a publish stuck that long (a call
     * that never returns) is left to another instance, which looks for the post before it sends. Longer than the
     * slowest legitimate publish (a large upload plus {@code max-status-polls} polls of {@code max-poll-wait}, the
     * platform calls' settings: {@code PlatformCallsConfig}).
     */
    @WithDefault("30m")
    Duration maxPublishDuration();

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
}
