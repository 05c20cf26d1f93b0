package dev.poststride.post;

import dev.poststride.common.SqlValues;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Where a target's status changes besides a claim ({@link TargetClaims}): the end of an attempt, an adapter's
 * checkpoint and first comment, and a person's approval, cancel and retry, each as {@link TargetLifecycle} allows;
 * the post's status follows through {@link PostStates}. One lock order everywhere: the post, then its targets.
 *
 * <p>What the engine writes is fenced by the lease owner <em>and</em> the attempt number, as in {@link TargetClaims}.
 */
@ApplicationScoped
public class TargetStates {

    /** How an attempt ends: the target's new status and what to show about it. */
    public record Completion(String status, String platformPostId, String permalink, Instant nextAttemptAt,
                             String errorCode, String errorMessage, Boolean retryable) {
    }

    /**
     * The end of an attempt: the target (fenced by the lease) and its attempt in one statement, which also reads the
     * post's other targets.
     */
    private static final String COMPLETE = """
            with target as (
                update post_platforms set status = ?4,
                       platform_post_id = coalesce(?5, platform_post_id),
                       permalink = coalesce(?6, permalink), published_at = ?7, next_attempt_at = ?8,
                       last_error_code = ?9, last_error_message = ?10, last_error_retryable = ?11,
                       lease_owner = null, lease_expires_at = null, updated_at = ?12
                where id = ?1 and %s
                returning id),
            attempt as (
                update publish_attempts set finished_at = ?12, outcome = ?13, error_code = ?9,
                       message = ?10, duration_ms = ?14
                where post_platform_id = ?1 and attempt = ?3 and finished_at is null
                  and exists (select 1 from target))
            select (select count(*) from target),
                   (select string_agg(status, ',') from post_platforms
                    where post_id = ?15 and id <> ?1),
                   (select max(published_at) from post_platforms where post_id = ?15 and id <> ?1)
            """.formatted(TargetClaims.TARGETS.fence(2, 3));

    private final EntityManager em;
    private final PostEvents events;
    private final PostStates posts;

    TargetStates(EntityManager em, PostEvents events, PostStates posts) {
        this.em = em;
        this.events = events;
        this.posts = posts;
    }

    // ---- the engine -----------------------------------------------------------------------------------------------

    /**
     * Writes the end of an attempt if this owner still holds this attempt's lease; false when it does not (the lease
     * ran out and another attempt took the target over — its word wins).
     */
    public boolean complete(TargetClaims.Claimed claimed, String owner, String outcome, Completion completion,
                            Instant startedAt, Instant now) {
        if (!TargetLifecycle.allows(TargetLifecycle.Change.COMPLETE, PostStatus.TARGET_PUBLISHING,
                                    completion.status())) {
            throw new IllegalArgumentException("An attempt cannot end as '" + completion.status() + "'");
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            posts.lock(claimed.postId());
            // The target and its attempt in one statement, which also reads the post's other targets (after the
            // lock, so a sibling that completed meanwhile is seen as it is now).
            Object[] row = (Object[]) em.createNativeQuery(COMPLETE)
                    .setParameter(1, claimed.targetId()).setParameter(2, owner).setParameter(3, claimed.attempt())
                    .setParameter(4, completion.status()).setParameter(5, completion.platformPostId())
                    .setParameter(6, completion.permalink())
                    .setParameter(7, PostStatus.TARGET_PUBLISHED.equals(completion.status()) ? Timestamp.from(now)
                            : null)
                    .setParameter(8, completion.nextAttemptAt() == null ? null
                            : Timestamp.from(completion.nextAttemptAt()))
                    .setParameter(9, completion.errorCode()).setParameter(10, completion.errorMessage())
                    .setParameter(11, completion.retryable()).setParameter(12, Timestamp.from(now))
                    .setParameter(13, outcome)
                    .setParameter(14, Math.max(0, Duration.between(startedAt, now).toMillis()))
                    .setParameter(15, claimed.postId())
                    .getSingleResult();
            if (((Number) row[0]).intValue() == 0) {
                return false;
            }
            List<String> statuses = new ArrayList<>();
            if (row[1] != null) {
                statuses.addAll(List.of(((String) row[1]).split(",")));
            }
            statuses.add(completion.status());
            Instant lastPublished = SqlValues.instant(row[2]);
            if (PostStatus.TARGET_PUBLISHED.equals(completion.status())) {
                lastPublished = now;
            }
            PostStates.StatusChange change = posts.write(claimed.postId(), PostLifecycle.Change.COMPLETE,
                                                         PostStatus.derive(statuses), lastPublished, now);
            events.attemptEnded(claimed.postId(), claimed.targetId(), completion.status(), change.from(),
                                change.to());
            return true;
        });
    }

    /** An adapter's checkpoint, committed at once under the lease; false when the lease is no longer this attempt's. */
    public boolean saveCheckpoint(UUID targetId, String owner, int attempt, String checkpoint) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "update post_platforms set platform_checkpoint = ?4 where id = ?1 and "
                        + TargetClaims.TARGETS.fence(2, 3))
                .setParameter(1, targetId).setParameter(2, owner).setParameter(3, attempt).setParameter(4, checkpoint)
                .executeUpdate() > 0);
    }

    /**
     * Takes the first comment of a published target for posting: true for exactly one caller, ever (a recovered or
     * repeated publish of the same target finds it taken), so the comment is posted at most once.
     */
    public boolean claimFirstComment(UUID targetId) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "update post_platforms set first_comment_status = 'pending' where id = ?1"
                        + " and status = 'published' and first_comment_status is null")
                .setParameter(1, targetId).executeUpdate() > 0);
    }

    /** What became of a claimed first comment: {@code posted} with its id, or {@code failed} with the reason. */
    public void recordFirstComment(UUID targetId, boolean posted, String commentId, String error) {
        String reason = error == null || error.length() <= 2000 ? error : error.substring(0, 1997) + "...";
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "update post_platforms set first_comment_status = ?2, first_comment_id = ?3,"
                        + " first_comment_error = ?4 where id = ?1 and first_comment_status = 'pending'")
                .setParameter(1, targetId).setParameter(2, posted ? "posted" : "failed")
                .setParameter(3, commentId).setParameter(4, reason).executeUpdate());
    }

    /** While a connection is rate limited, its other waiting targets wait too instead of hammering the platform. */
    public void pauseConnection(UUID targetId, Instant until) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "update post_platforms set next_attempt_at = ?2 where status = 'pending'"
                        + " and user_platform_id = (select user_platform_id from post_platforms where id = ?1)"
                        + " and next_attempt_at < ?2")
                .setParameter(1, targetId).setParameter(2, Timestamp.from(until)).executeUpdate());
    }

    // ---- a person's changes ---------------------------------------------------------------------------------------

    /**
     * An approved post's waiting targets become due at its time again (the caller holds the post's lock): touching
     * their due time is what wakes the dispatchers ({@code NOTIFY poststride_due}), so it goes out on time.
     */
    @Transactional
    public void releaseApproved(UUID postId, Instant dueAt, Instant now) {
        em.createNativeQuery("update post_platforms set next_attempt_at = ?2, updated_at = ?3"
                             + " where post_id = ?1 and status = 'pending'")
                .setParameter(1, postId).setParameter(2, Timestamp.from(dueAt)).setParameter(3, Timestamp.from(now))
                .executeUpdate();
    }

    /** Cancels the post's targets that are still pending (the caller holds the post's lock); returns how many. */
    @Transactional
    public int cancelPending(UUID postId, Instant now) {
        int cancelled = em.createNativeQuery("update post_platforms set status = ?3, next_attempt_at = null,"
                                             + " updated_at = ?2 where post_id = ?1 and status in (?4)")
                .setParameter(1, postId).setParameter(2, Timestamp.from(now))
                .setParameter(3, PostStatus.TARGET_CANCELLED)
                .setParameter(4, TargetLifecycle.sources(TargetLifecycle.Change.CANCEL)).executeUpdate();
        if (cancelled > 0) {
            PostStates.StatusChange change = posts.followTargets(postId, PostLifecycle.Change.CANCEL, now);
            events.statusChanged(postId, change.from(), change.to());
        }
        return cancelled;
    }

    /** The code a target cancelled by disconnecting its account carries; it can be retried once reconnected. */
    public static final String CONNECTION_REMOVED = "connection_removed";

    /**
     * Cancels every pending target of a connection being revoked (code {@value #CONNECTION_REMOVED}) and updates
     * their posts; throws {@link TargetPublishing} instead when one of its targets is being published right now. The
     * caller holds the connection's row locked, so no new target of it appears meanwhile.
     */
    public int cancelForRemovedConnection(UUID connectionId, Instant now) {
        @SuppressWarnings("unchecked")
        List<UUID> affected = em.createNativeQuery(
                        "select id from posts where id in (select post_id from post_platforms"
                        + " where user_platform_id = ?1 and status in ('pending', 'publishing'))"
                        + " order by id for update", UUID.class)
                .setParameter(1, connectionId).getResultList();
        if (affected.isEmpty()) {
            return 0;
        }
        Number publishing = (Number) em.createNativeQuery(
                        "select count(*) from post_platforms where user_platform_id = ?1 and status = 'publishing'")
                .setParameter(1, connectionId).getSingleResult();
        if (publishing.longValue() > 0) {
            throw new TargetPublishing();
        }
        int cancelled = em.createNativeQuery(
                        "update post_platforms set status = 'cancelled', next_attempt_at = null, lease_owner = null,"
                        + " lease_expires_at = null, last_error_code = ?3, last_error_retryable = true,"
                        + " last_error_message = 'The account was disconnected before this was published; connect it"
                        + " again, then retry this target.', updated_at = ?2"
                        + " where user_platform_id = ?1 and status = 'pending'")
                .setParameter(1, connectionId).setParameter(2, Timestamp.from(now))
                .setParameter(3, CONNECTION_REMOVED).executeUpdate();
        for (UUID post : affected) {
            PostStates.StatusChange change = posts.followTargets(post, PostLifecycle.Change.DISCONNECT, now);
            events.statusChanged(post, change.from(), change.to());
        }
        return cancelled;
    }

    /** A target of the connection being revoked is being published at this moment. */
    public static final class TargetPublishing extends RuntimeException {
        TargetPublishing() {
            super("a target of the connection is publishing", null, false, false);
        }
    }

    /** A failed target back to pending, due now, with a clean slate (the caller holds the post's lock). */
    @Transactional
    public int retryFailed(UUID postId, UUID targetId, Instant now) {
        int updated = em.createNativeQuery(
                        "update post_platforms set status = 'pending', attempts = 0, next_attempt_at = ?3,"
                        + " last_error_code = null, last_error_message = null, last_error_retryable = null,"
                        // A thread keeps the parts already live, so its retry continues after them.
                        + " platform_checkpoint = case when platform_checkpoint like 'thread:%'"
                        + "   then platform_checkpoint end, updated_at = ?3"
                        + " where id = ?2 and post_id = ?1 and (status = 'failed'"
                        + " or (status = 'cancelled' and last_error_code = ?4))")
                .setParameter(1, postId).setParameter(2, targetId).setParameter(3, Timestamp.from(now))
                .setParameter(4, CONNECTION_REMOVED).executeUpdate();
        if (updated > 0) {
            PostStates.StatusChange change = posts.followTargets(postId, PostLifecycle.Change.RETRY, now);
            events.statusChanged(postId, change.from(), change.to());
        }
        return updated;
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(Query query) {
        return query.getResultList();
    }
}
