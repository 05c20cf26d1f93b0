package dev.poststride.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long records that only explain the past are kept ({@code POSTSTRIDE_RETENTION_*}). */
@ConfigMapping(prefix = "poststride.retention")
public interface RetentionConfig {

    /** Whether this instance prunes (any number may: each prune is one idempotent statement). */
    @WithDefault("true")
    boolean enabled();

    /** How often the job runs. */
    @WithDefault("1h")
    Duration interval();

    /**
     * Events older than this go, with their webhook deliveries and delivery logs (an event stream cannot resume from
     * before it; a delivery still to be sent keeps its event).
     */
    @WithDefault("30d")
    Duration events();

    /** Publish attempts (the per-target history) older than this go; targets keep their outcome. */
    @WithDefault("180d")
    Duration attempts();

    /** Sessions that expired or were revoked this long ago go (with their refresh tokens). */
    @WithDefault("30d")
    Duration endedSessions();

    /** Idempotency records go once expired (a retry after that is a new request anyway). */
    @WithDefault("0s")
    Duration expiredIdempotencyKeys();

    /** Login-throttle counters untouched this long, and not blocking, go. */
    @WithDefault("1d")
    Duration loginThrottle();

    /**
     * Stored media bytes with no media row (an upload interrupted between storing and recording it), and partial
     * writes, older than this are deleted. Longer than any upload takes to be recorded after its bytes are stored.
     */
    @WithDefault("1h")
    Duration orphanedMedia();
}
