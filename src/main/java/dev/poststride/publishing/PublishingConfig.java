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
}
