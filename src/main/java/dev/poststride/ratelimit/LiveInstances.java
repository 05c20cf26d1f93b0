package dev.poststride.ratelimit;

import dev.poststride.common.InstanceIdentity;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * How many instances of the service are running, so that each can take its share of a limit meant for all of them.
 * Each instance writes a row of {@code live_instances} every heartbeat (a few writes a minute per instance, never
 * one per request) and counts the rows seen within three heartbeats, by the database's clock so that instances with
 * skewed clocks agree. Until its first count an instance assumes it is alone.
 */
@ApplicationScoped
public class LiveInstances {

    private static final Logger LOG = Logger.getLogger(LiveInstances.class);

    private final DataSource db;
    private final InstanceIdentity instance;
    private final RateLimitConfig config;
    private final AtomicInteger count = new AtomicInteger(1);

    LiveInstances(DataSource db, InstanceIdentity instance, RateLimitConfig config) {
        this.db = db;
        this.instance = instance;
        this.config = config;
    }

    /** The instances alive at the last heartbeat, this one included; at least 1. */
    public int count() {
        return count.get();
    }

    @Scheduled(identity = "live-instances", every = "${poststride.rate-limit.heartbeat:10s}",
               concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void heartbeat() {
        try {
            refresh();
        } catch (IllegalStateException e) {
            LOG.warnf("Could not report this instance alive; keeping the count of %d: %s", count.get(),
                      e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        }
    }

    /** Reports this instance alive, forgets long-quiet instances, and counts the live ones. */
    public int refresh() {
        long quietSeconds = config.heartbeat().multipliedBy(3).toSeconds();
        try (Connection c = db.getConnection()) {
            try (PreparedStatement alive = c.prepareStatement(
                    "insert into live_instances (id, started_at, seen_at) values (?, now(), now())"
                    + " on conflict (id) do update set seen_at = now()")) {
                alive.setString(1, instance.id());
                alive.executeUpdate();
            }
            try (PreparedStatement forget = c.prepareStatement(
                    "delete from live_instances where seen_at < now() - make_interval(secs => ?)")) {
                forget.setLong(1, quietSeconds * 10);
                forget.executeUpdate();
            }
            try (PreparedStatement live = c.prepareStatement(
                    "select count(*) from live_instances where seen_at >= now() - make_interval(secs => ?)")) {
                live.setLong(1, quietSeconds);
                try (ResultSet rs = live.executeQuery()) {
                    rs.next();
                    count.set(Math.max(1, rs.getInt(1)));
                }
            }
            return count.get();
        } catch (SQLException e) {
            throw new IllegalStateException("Counting the live instances failed", e);
        }
    }

    /** A stopping instance leaves the count at once rather than after three heartbeats. */
    void onStop(@Observes ShutdownEvent event) {
        try (Connection c = db.getConnection();
             PreparedStatement gone = c.prepareStatement("delete from live_instances where id = ?")) {
            gone.setString(1, instance.id());
            gone.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("Could not remove this instance from live_instances: %s", e.getMessage());
        }
    }
}
