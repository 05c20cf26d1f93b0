package dev.poststride.retention;

import dev.poststride.common.work.InternalJob;
import dev.poststride.media.MediaService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Prunes what only explains the past once it is old enough ({@link RetentionConfig}): publish attempts, ended
 * sessions, expired idempotency records and connect states, stale login-throttle counters, and media bytes that no
 * row refers to. Every statement is idempotent, so any number of instances may run it.
 */
@ApplicationScoped
public class RetentionJob implements InternalJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);
    /** Rows deleted per statement. */
    static final int BATCH = 5_000;

    private final EntityManager em;
    private final MediaService media;
    private final RetentionConfig config;
    private final Clock clock;

    RetentionJob(EntityManager em, MediaService media, RetentionConfig config, Clock clock) {
        this.em = em;
        this.media = media;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "retention", every = "${poststride.retention.interval:1h}", delayed = "5m",
               skipExecutionIf = Disabled.class, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        Map<String, Integer> pruned = run();
        if (pruned.values().stream().anyMatch(n -> n > 0)) {
            LOG.infof("Retention pruned %s", pruned);
        }
    }

    /** Prunes everything due now; how many of each were removed. */
    public Map<String, Integer> run() {
        Instant now = clock.instant();
        Map<String, Integer> pruned = new LinkedHashMap<>();
        pruned.put("publish_attempts", delete("publish_attempts", "t.started_at < ?1", now.minus(config.attempts())));
        pruned.put("sessions", delete("auth_sessions", "t.expires_at < ?1 or t.revoked_at < ?1",
                                      now.minus(config.endedSessions())));
        pruned.put("idempotency_keys", delete("idempotency_keys", "t.expires_at < ?1",
                                              now.minus(config.expiredIdempotencyKeys())));
        pruned.put("oauth_states", delete("oauth_states", "t.expires_at < ?1", now));
        // Events (with their webhook deliveries and logs) once past the webhook schedule and any stream's reconnect;
        // not while a delivery of them is still to be sent or being sent.
        pruned.put("events", delete("events", "t.created_at < ?1 and not exists (select 1 from webhook_deliveries d"
                                              + " where d.event_id = t.id and d.status in ('pending', 'sending'))",
                                    now.minus(config.events())));
        pruned.put("event_tickets", delete("event_tickets", "t.expires_at < ?1", now));
        pruned.put("login_throttle", delete("login_throttle", "t.window_started_at < ?1"
                                                              + " and (t.blocked_until is null or t.blocked_until < ?1)",
                                            now.minus(config.loginThrottle())));
        pruned.put("orphaned_media_files", media.sweepOrphans(now.minus(config.orphanedMedia())));
        return pruned;
    }

    /**
     * Deletes the rows of {@code table} (alias {@code t} in {@code condition}) matching at {@code cutoff}, a batch per
     * transaction: every statement stays short, within the connections' statement timeout however much piled up.
     */
    private int delete(String table, String condition, Instant cutoff) {
        String sql = "delete from " + table + " where ctid = any(array(select t.ctid from " + table + " t where "
                     + condition + " limit " + BATCH + "))";
        int total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(
                    () -> em.createNativeQuery(sql).setParameter(1, Timestamp.from(cutoff)).executeUpdate());
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }

    /** Skips the scheduled run where {@code poststride.retention.enabled=false}. */
    @Singleton
    static class Disabled implements Scheduled.SkipPredicate {

        private final RetentionConfig config;

        Disabled(RetentionConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.enabled();
        }
    }

    @Override
    public String name() {
        return "retention";
    }
}
