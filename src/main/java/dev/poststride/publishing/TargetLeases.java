package dev.poststride.publishing;

import dev.poststride.common.SqlValues;
import dev.poststride.post.PostStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Claims due targets in PostgreSQL and completes them, each in its own short transaction. Claiming uses
 * {@code FOR UPDATE SKIP LOCKED}, so any number of instances can claim at once and none gets a target another holds;
 * completing is guarded by the lease owner, so an instance whose lease ran out cannot overwrite the recovery.
 */
@ApplicationScoped
class TargetLeases {

    /** A target this instance now holds; {@code recovered} when it was taken over from an expired lease. */
    record Claimed(UUID targetId, int attempt, boolean recovered, Instant previousAttemptStartedAt) {
    }

    /** How a target ends this attempt. */
    record Completion(String status, String platformPostId, String permalink, Instant nextAttemptAt,
                      String errorCode, String errorMessage, Boolean retryable) {
    }

    private final EntityManager em;
    private final Clock clock;

    TargetLeases(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /**
     * Due pending targets of scheduled posts, and targets whose lease expired mid-publish, on the given platforms
     * (those this build can publish to).
     */
    @SuppressWarnings("unchecked")
    List<Claimed> claim(String owner, int limit, Duration lease, List<String> platforms) {
        Instant now = clock.instant();
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Object[]> rows = em.createNativeQuery(
                            "update post_platforms t set status = 'publishing', lease_owner = ?1, lease_expires_at = ?2,"
                            + " attempts = t.attempts + 1, updated_at = ?3"
                            + " from (select pp.id, pp.status as was from post_platforms pp"
                            + "       join posts p on p.id = pp.post_id"
                            + "       join user_platforms up on up.id = pp.user_platform_id"
                            + "       join social_platforms sp on sp.id = up.platform_id"
                            + "       where sp.key in (?5) and ((pp.status = 'pending' and pp.next_attempt_at <= ?3"
                            + "              and p.status in ('scheduled', 'publishing'))"
                            + "          or (pp.status = 'publishing' and pp.lease_expires_at < ?3))"
                            + "       order by pp.next_attempt_at nulls first, pp.id limit ?4"
                            + "       for update of pp skip locked) due"
                            + " where t.id = due.id returning t.id, t.attempts, due.was, t.post_id")
                    .setParameter(1, owner).setParameter(2, Timestamp.from(now.plus(lease)))
                    .setParameter(3, Timestamp.from(now)).setParameter(4, limit).setParameter(5, platforms)
                    .getResultList();
            List<Claimed> claimed = new ArrayList<>();
            for (Object[] row : rows) {
                UUID id = (UUID) row[0];
                boolean recovered = "publishing".equals(row[2]);
                Instant previous = recovered ? lastStart(id) : null;
                int attempt = ((Number) row[1]).intValue();
                em.createNativeQuery("insert into publish_attempts (id, post_platform_id, attempt, started_at)"
                                     + " values (?1, ?2, ?3, ?4)")
                        .setParameter(1, UUID.randomUUID()).setParameter(2, id).setParameter(3, attempt)
                        .setParameter(4, Timestamp.from(now)).executeUpdate();
                em.createNativeQuery("update posts set status = 'publishing', updated_at = ?2"
                                     + " where id = ?1 and status = 'scheduled'")
                        .setParameter(1, row[3]).setParameter(2, Timestamp.from(now)).executeUpdate();
                claimed.add(new Claimed(id, attempt, recovered, previous));
            }
            return claimed;
        });
    }

    private Instant lastStart(UUID targetId) {
        Object started = em.createNativeQuery("select max(started_at) from publish_attempts where post_platform_id = ?1")
                .setParameter(1, targetId).getSingleResult();
        return SqlValues.instant(started);
    }

    /**
     * Writes the end of an attempt if this instance still holds the lease; false when it does not (the lease ran
     * out and another instance took the target over — its word wins).
     */
    boolean complete(UUID targetId, String owner, int attempt, Outcome outcome, Completion completion,
                     Instant startedAt) {
        Instant now = clock.instant();
        return QuarkusTransaction.requiringNew().call(() -> {
            int updated = em.createNativeQuery(
                            "update post_platforms set status = ?3, platform_post_id = coalesce(?4, platform_post_id),"
                            + " permalink = coalesce(?5, permalink), published_at = ?6, next_attempt_at = ?7,"
                            + " last_error_code = ?8, last_error_message = ?9, last_error_retryable = ?10,"
                            + " lease_owner = null, lease_expires_at = null, updated_at = ?11"
                            + " where id = ?1 and lease_owner = ?2")
                    .setParameter(1, targetId).setParameter(2, owner).setParameter(3, completion.status())
                    .setParameter(4, completion.platformPostId()).setParameter(5, completion.permalink())
                    .setParameter(6, PostStatus.TARGET_PUBLISHED.equals(completion.status()) ? Timestamp.from(now) : null)
                    .setParameter(7, completion.nextAttemptAt() == null ? null : Timestamp.from(completion.nextAttemptAt()))
                    .setParameter(8, completion.errorCode()).setParameter(9, completion.errorMessage())
                    .setParameter(10, completion.retryable()).setParameter(11, Timestamp.from(now))
                    .executeUpdate();
            if (updated == 0) {
                return false;
            }
            em.createNativeQuery("update publish_attempts set finished_at = ?3, outcome = ?4, error_code = ?5,"
                                 + " message = ?6, duration_ms = ?7 where post_platform_id = ?1 and attempt = ?2"
                                 + " and finished_at is null")
                    .setParameter(1, targetId).setParameter(2, attempt).setParameter(3, Timestamp.from(now))
                    .setParameter(4, outcome.label()).setParameter(5, completion.errorCode())
                    .setParameter(6, completion.errorMessage())
                    .setParameter(7, Math.max(0, Duration.between(startedAt, now).toMillis())).executeUpdate();
            refreshPostStatus(targetId, now);
            return true;
        });
    }

    /** An adapter's checkpoint for a target, committed at once so that a crash right after still leaves it. */
    void saveCheckpoint(UUID targetId, String checkpoint) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "update post_platforms set platform_checkpoint = ?2 where id = ?1")
                .setParameter(1, targetId).setParameter(2, checkpoint).executeUpdate());
    }

    String checkpoint(UUID targetId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = em.createNativeQuery("select platform_checkpoint from post_platforms where id = ?1")
                    .setParameter(1, targetId).getResultList();
            return rows.isEmpty() ? null : (String) rows.getFirst();
        });
    }

    /** While a connection is rate limited, its other waiting targets wait too instead of hammering the platform. */
    void pauseConnection(UUID targetId, Instant until) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "update post_platforms set next_attempt_at = ?2 where status = 'pending'"
                        + " and user_platform_id = (select user_platform_id from post_platforms where id = ?1)"
                        + " and next_attempt_at < ?2")
                .setParameter(1, targetId).setParameter(2, Timestamp.from(until)).executeUpdate());
    }

    @SuppressWarnings("unchecked")
    private void refreshPostStatus(UUID targetId, Instant now) {
        UUID postId = (UUID) em.createNativeQuery("select post_id from post_platforms where id = ?1")
                .setParameter(1, targetId).getSingleResult();
        em.createNativeQuery("select id from posts where id = ?1 for update").setParameter(1, postId).getResultList();
        List<String> statuses = em.createNativeQuery("select status from post_platforms where post_id = ?1")
                .setParameter(1, postId).getResultList();
        String status = PostStatus.derive(statuses);
        boolean published = status.equals(PostStatus.PUBLISHED) || status.equals(PostStatus.PARTIALLY_PUBLISHED);
        em.createNativeQuery("update posts set status = ?2, updated_at = ?3,"
                             + " published_at = case when ?4 then (select max(published_at) from post_platforms"
                             + " where post_id = ?1) else published_at end where id = ?1 and status <> 'draft'")
                .setParameter(1, postId).setParameter(2, status).setParameter(3, Timestamp.from(now))
                .setParameter(4, published).executeUpdate();
    }
}
