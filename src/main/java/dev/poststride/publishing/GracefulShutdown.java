package dev.poststride.publishing;

import dev.poststride.common.InstanceIdentity;
import dev.poststride.post.TargetClaims;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * On shutdown this instance stops claiming, waits (at most {@code shutdown-grace}) for the publishes it runs, then
 * gives back the leases of what it is not running, so another instance can take that work at once instead of
 * waiting for the leases to expire. A publish still running when the grace ends keeps its lease: its create call
 * may be in flight, and the instance that recovers it after the lease looks for the post before sending.
 */
@ApplicationScoped
class GracefulShutdown {

    private static final Logger LOG = Logger.getLogger(GracefulShutdown.class);

    private final PublishEngine engine;
    private final TargetClaims claims;
    private final InstanceIdentity instance;
    private final PublishingConfig config;
    private final Clock clock;

    GracefulShutdown(PublishEngine engine, TargetClaims claims, InstanceIdentity instance, PublishingConfig config,
                     Clock clock) {
        this.engine = engine;
        this.claims = claims;
        this.instance = instance;
        this.config = config;
        this.clock = clock;
    }

    void onShutdown(@Observes ShutdownEvent event) {
        engine.stopClaiming();
        if (!engine.awaitIdle(config.shutdownGrace())) {
            LOG.warnf("%d publish(es) still running after %s; their leases stay and expire", engine.inFlight(),
                      config.shutdownGrace());
        }
        int released = releaseLeases();
        if (released > 0) {
            LOG.infof("Released %d publishing lease(s) held by instance %s", released, instance.id());
        }
    }

    /** Ends every lease this instance holds but is not publishing under now. */
    int releaseLeases() {
        Set<UUID> running = engine.running();
        return claims.release(instance.id(), running, clock.instant());
    }
}
