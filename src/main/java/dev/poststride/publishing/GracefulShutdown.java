package dev.poststride.publishing;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * On shutdown this instance stops claiming and gives back the leases it holds, so another instance can take
 * the work at once instead of waiting for the leases to expire. Giving a lease back is the same, for the
 * engine, as this instance dying: a target that may already have been sent is reconciled before any resend.
 */
@ApplicationScoped
class GracefulShutdown {

    private static final Logger LOG = Logger.getLogger(GracefulShutdown.class);

    private final PublishCycle cycle;
    private final InstanceIdentity instance;
    private final Clock clock;

    GracefulShutdown(PublishCycle cycle, InstanceIdentity instance, Clock clock) {
        this.cycle = cycle;
        this.instance = instance;
        this.clock = clock;
    }

    void onShutdown(@Observes ShutdownEvent event) {
        cycle.stopClaiming();
        int released = releaseLeases();
        if (released > 0) {
            LOG.infof("Released %d publishing lease(s) held by instance %s", released, instance.id());
        }
    }

    /** Ends every lease this instance holds now, making its targets claimable by the others. */
    @Transactional
    int releaseLeases() {
        return Panache.getEntityManager().createNativeQuery("""
                update post_platforms set lease_expires_at = :now
                where lease_owner = :owner and lease_expires_at > :now""")
                .setParameter("now", clock.instant())
                .setParameter("owner", instance.id())
                .executeUpdate();
    }
}
