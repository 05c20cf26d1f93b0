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
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The one place where the status of a target, and with it its post's, changes: the publishing engine's claims,
 * lease renewals and completions, and a person's cancel and retry. One lock order everywhere: the post, then its
 * targets. A claim never waits for a lock ({@code SKIP LOCKED} on both), so it cannot deadlock with an edit, and an
 * edit or a cancel that holds the post's lock keeps the engine off its targets until it commits.
 *
 * <p>Every write the engine makes after a claim is fenced by the lease owner <em>and</em> the attempt number: an
 * instance whose lease ran out, or an older attempt of the same instance, can no longer change the target.
 */
@ApplicationScoped
public class TargetStates {

    /** A target an engine instance now holds; {@code recovered} when it was taken over from an expired lease. */
    public record Claimed(UUID targetId, UUID postId, int attempt, String platform, boolean recovered,
                          Instant previousAttemptStartedAt) {
    }

    /** How an attempt ends: the target's new status and what to show about it. */
    public record Completion(String status, String platformPostId, String permalink, Instant nextAttemptAt,
                             String errorCode, String errorMessage, Boolean retryable) {
    }

    /** The overdue backlog, for alerting: how many targets are due and not yet claimed, and the oldest due time. */
    public record Backlog(long overdue, Instant oldestDue) {
    }

    /**
     * Due targets, per platform at most its room ({@code ?5} is a {@code values} list of platform and room), oldest
     * due first across platforms, at most {@code ?4} in all. Each platform's part is a range scan of the pending index
     * that stops at its room; rows a platform locked beyond the overall limit are not taken and unlock at commit.
     */
    private static final String CLAIM_DUE = """
            update post_platforms t set status = 'publishing', lease_owner = ?1, lease_expires_at = ?2,
                   attempts = t.attempts + 1, updated_at = ?3
            from (select c.id from (values ?5) as room (platform, n)
                  cross join lateral (
                      select pp.id, pp.next_attempt_at, pp.post_id from post_platforms pp
                      join posts p on p.id = pp.post_id
                      where pp.status = 'pending' and pp.platform = room.platform and pp.next_attempt_at <= ?3
                        and p.status in ('scheduled', 'publishing')
                      order by pp.next_attempt_at, pp.post_id, pp.id
                      limit room.n
                      for update of pp, p skip locked) c
                  order by c.next_attempt_at, c.post_id, c.id
                  limit ?4) due
            where t.id = due.id
            returning t.id, t.post_id, t.attempts, t.platform""";

    private static final String CLAIM_EXPIRED = """
            update post_platforms t set lease_owner = ?1, lease_expires_at = ?2, attempts = t.attempts + 1,
                   updated_at = ?3
            from (select pp.id from post_platforms pp join posts p on p.id = pp.post_id
                  where pp.status = 'publishing' and pp.lease_expires_at < ?3 and pp.attempts < ?6
                    and pp.platform in (?5)
                  order by pp.lease_expires_at
                  limit ?4
                  for update of pp, p skip locked) due
            where t.id = due.id
            returning t.id, t.post_id, t.attempts, t.platform""";

    /** A post's status before and after a write; {@code to} is null when the write left the post alone. */
    private record StatusChange(String from, String to) {
    }

    private final EntityManager em;
    private final PostEvents events;

    /** The claim of due targets with one platform's room, for the test of its query plan. */
    static String claimDueSql() {
        return CLAIM_DUE.replace("?5", "(?5, 8)");
    }

    TargetStates(EntityManager em, PostEvents events) {
        this.em = em;
        this.events = events;
    }

    // ---- the engine -----------------------------------------------------------------------------------------------

    /**
     * Claims, in one short transaction, targets whose lease expired mid-publish (first) and due pending targets of
     * scheduled posts: per platform at most its free slots, in all at most {@code limit}, oldest due first across
     * platforms and a post's targets together (claimed in the same statement, and on one platform next to each other
     * in the index). Targets whose lease expired again after {@code maxAttempts} attempts are not taken:
     * {@link #failAbandoned} ends them.
     */
    public List<Claimed> claim(String owner, int limit, Map<String, Integer> freePerPlatform, Instant now,
                               Duration lease, int maxAttempts) {
        List<String> open = freePerPlatform.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey)
                .toList();
        if (limit <= 0 || open.isEmpty()) {
            return List.of();
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Timestamp until = Timestamp.from(now.plus(lease));
            List<Object[]> expired = rows(em.createNativeQuery(CLAIM_EXPIRED).setParameter(1, owner)
                    .setParameter(2, until).setParameter(3, Timestamp.from(now)).setParameter(4, limit)
                    .setParameter(5, open).setParameter(6, maxAttempts));
            Map<UUID, Instant> previousStarts = lastStarts(expired.stream().map(r -> (UUID) r[0]).toList());
            List<Claimed> claimed = new ArrayList<>();
            Map<String, Integer> taken = new HashMap<>();
            for (Object[] row : expired) {
                Claimed target = claimed(row, true, previousStarts.get((UUID) row[0]));
                claimed.add(target);
                taken.merge(target.platform(), 1, Integer::sum);
            }
            Map<String, Integer> room = new LinkedHashMap<>();
            for (String platform : open) {
                room.put(platform, freePerPlatform.get(platform) - taken.getOrDefault(platform, 0));
            }
            room.values().removeIf(n -> n <= 0);
            if (claimed.size() < limit && !room.isEmpty()) {
                // Hibernate binds no arrays here: the (platform, room) pairs become a values list of parameters.
                StringBuilder values = new StringBuilder();
                int parameter = 5;
                for (int i = 0; i < room.size(); i++) {
                    values.append(i == 0 ? "" : ", ").append("(?").append(parameter++).append(", cast(?")
                            .append(parameter++).append(" as integer))");
                }
                Query due = em.createNativeQuery(CLAIM_DUE.replace("?5", values))
                        .setParameter(1, owner).setParameter(2, until).setParameter(3, Timestamp.from(now))
                        .setParameter(4, limit - claimed.size());
                parameter = 5;
                for (Map.Entry<String, Integer> entry : room.entrySet()) {
                    due.setParameter(parameter++, entry.getKey()).setParameter(parameter++, entry.getValue());
                }
                for (Object[] row : rows(due)) {
                    claimed.add(claimed(row, false, null));
                }
            }
            if (claimed.isEmpty()) {
                return claimed;
            }
            List<UUID> ids = claimed.stream().map(Claimed::targetId).toList();
            em.createNativeQuery("insert into publish_attempts (id, post_platform_id, attempt, started_at)"
                                 + " select gen_random_uuid(), id, attempts, ?2 from post_platforms where id in (?1)")
                    .setParameter(1, ids).setParameter(2, Timestamp.from(now)).executeUpdate();
            Set<UUID> posts = new LinkedHashSet<>(claimed.stream().map(Claimed::postId).toList());
            em.createNativeQuery("update posts set status = 'publishing', updated_at = ?2, version = version + 1"
                                 + " where id in (?1) and status = 'scheduled'")
                    .setParameter(1, posts).setParameter(2, Timestamp.from(now)).executeUpdate();
            return claimed;
        });
    }

    private static Claimed claimed(Object[] row, boolean recovered, Instant previousStart) {
        return new Claimed((UUID) row[0], (UUID) row[1], ((Number) row[2]).intValue(), (String) row[3], recovered,
                           previousStart);
    }

    private Map<UUID, Instant> lastStarts(List<UUID> targets) {
        Map<UUID, Instant> starts = new HashMap<>();
        if (!targets.isEmpty()) {
            for (Object[] row : rows(em.createNativeQuery("""
                            select post_platform_id, max(started_at) from publish_attempts
                            where post_platform_id in (?1) group by post_platform_id""").setParameter(1, targets))) {
                starts.put((UUID) row[0], SqlValues.instant(row[1]));
            }
        }
        return starts;
    }

    /**
     * Ends targets abandoned mid-publish too often (the lease expired after {@code maxAttempts} attempts, e.g. an
     * adapter that keeps failing unexpectedly): {@code failed/internal_error}, so the post can be retried, cancelled
     * or deleted. Returns how many.
     */
    public int failAbandoned(Instant now, int maxAttempts) {
        List<Object[]> stuck = QuarkusTransaction.requiringNew().call(() -> rows(em.createNativeQuery(
                        "select id, post_id from post_platforms where status = 'publishing' and lease_expires_at < ?1"
                        + " and attempts >= ?2 order by lease_expires_at limit 100")
                .setParameter(1, Timestamp.from(now)).setParameter(2, maxAttempts)));
        int failed = 0;
        for (Object[] row : stuck) {
            failed += QuarkusTransaction.requiringNew().call(() -> {
                lockPost((UUID) row[1]);
                int updated = em.createNativeQuery("""
                                update post_platforms set status = 'failed', lease_owner = null,
                                       lease_expires_at = null, next_attempt_at = null, updated_at = ?2,
                                       last_error_code = 'internal_error', last_error_retryable = true,
                                       last_error_message = 'Publishing stopped unexpectedly ' || attempts
                                                            || ' times; retry the target once the cause is fixed.'
                                where id = ?1 and status = 'publishing' and lease_expires_at < ?2 and attempts >= ?3""")
                        .setParameter(1, row[0]).setParameter(2, Timestamp.from(now)).setParameter(3, maxAttempts)
                        .executeUpdate();
                if (updated > 0) {
                    em.createNativeQuery("update publish_attempts set finished_at = ?2, outcome = 'internal_error',"
                                         + " error_code = 'internal_error' where post_platform_id = ?1"
                                         + " and finished_at is null")
                            .setParameter(1, row[0]).setParameter(2, Timestamp.from(now)).executeUpdate();
                    StatusChange change = deriveStatus((UUID) row[1], now);
                    events.attemptEnded((UUID) row[1], (UUID) row[0], PostStatus.TARGET_FAILED, change.from(),
                                        change.to());
                }
                return updated;
            });
        }
        return failed;
    }

    /**
     * Writes the end of an attempt if this owner still holds this attempt's lease; false when it does not (the lease
     * ran out and another attempt took the target over — its word wins).
     */
    public boolean complete(Claimed claimed, String owner, String outcome, Completion completion, Instant startedAt,
                            Instant now) {
        if (!TargetLifecycle.allows(TargetLifecycle.Change.COMPLETE, PostStatus.TARGET_PUBLISHING,
                                    completion.status())) {
            throw new IllegalArgumentException("An attempt cannot end as '" + completion.status() + "'");
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            lockPost(claimed.postId());
            // The target and its attempt in one statement, which also reads the post's other targets (after the
            // lock, so a sibling that completed meanwhile is seen as it is now).
            Object[] row = (Object[]) em.createNativeQuery("""
                            with target as (
                                update post_platforms set status = ?4,
                                       platform_post_id = coalesce(?5, platform_post_id),
                                       permalink = coalesce(?6, permalink), published_at = ?7, next_attempt_at = ?8,
                                       last_error_code = ?9, last_error_message = ?10, last_error_retryable = ?11,
                                       lease_owner = null, lease_expires_at = null, updated_at = ?12
                                where id = ?1 and lease_owner = ?2 and attempts = ?3 and status = 'publishing'
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
                            """)
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
            StatusChange change = writeStatus(claimed.postId(), PostStatus.derive(statuses), lastPublished, now);
            events.attemptEnded(claimed.postId(), claimed.targetId(), completion.status(), change.from(),
                                change.to());
            return true;
        });
    }

    /**
     * Extends the leases of publishes this owner is running; returns the attempt now stored for each target it still
     * holds (a target missing, or with another attempt, was taken over).
     */
    public Map<UUID, Integer> renew(String owner, Collection<UUID> targets, Instant until, Instant now) {
        if (targets.isEmpty()) {
            return Map.of();
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<UUID, Integer> held = new HashMap<>();
            Query renew = em.createNativeQuery("""
                            update post_platforms set lease_expires_at = ?3
                            where id in (?2) and lease_owner = ?1 and status = 'publishing' and lease_expires_at >= ?4
                            returning id, attempts""")
                    .setParameter(1, owner).setParameter(2, targets).setParameter(3, Timestamp.from(until))
                    .setParameter(4, Timestamp.from(now));
            for (Object[] row : rows(renew)) {
                held.put((UUID) row[0], ((Number) row[1]).intValue());
            }
            return held;
        });
    }

    /**
     * Of attempts this owner runs whose lease a renewal no longer found, those that ended normally: the attempt's
     * result is stored (its owner completed it, which also ended the lease) or its target is gone. The others lost
     * their lease: another instance took the target over, or it was failed as abandoned.
     */
    public Set<UUID> endedAttempts(Map<UUID, Integer> attempts) {
        if (attempts.isEmpty()) {
            return Set.of();
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Set<UUID> ended = new HashSet<>(attempts.keySet());
            List<Object[]> rows = rows(em.createNativeQuery("""
                            select t.id, a.attempt from post_platforms t
                            left join publish_attempts a on a.post_platform_id = t.id and a.finished_at is not null
                                                         and a.outcome <> 'internal_error'
                            where t.id in (?1)""")
                    .setParameter(1, attempts.keySet()));
            Set<UUID> completed = new HashSet<>();
            for (Object[] row : rows) {
                UUID id = (UUID) row[0];
                ended.remove(id); // still there: ended only if its attempt is finished
                if (row[1] != null && attempts.get(id).equals(((Number) row[1]).intValue())) {
                    completed.add(id);
                }
            }
            ended.addAll(completed);
            return ended;
        });
    }

    /**
     * Gives a target whose publish failed unexpectedly back to recovery at {@code until} (its lease then counts as
     * expired), if this attempt still holds it.
     */
    public boolean abandon(Claimed claimed, String owner, Instant until) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "update post_platforms set lease_expires_at = ?4 where id = ?1 and lease_owner = ?2"
                        + " and attempts = ?3 and status = 'publishing'")
                .setParameter(1, claimed.targetId()).setParameter(2, owner).setParameter(3, claimed.attempt())
                .setParameter(4, Timestamp.from(until)).executeUpdate() > 0);
    }

    /** Ends this owner's leases except those of {@code running}, making the targets claimable by other instances. */
    public int release(String owner, Collection<UUID> running, Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Query release = em.createNativeQuery(
                            "update post_platforms set lease_expires_at = ?2 where lease_owner = ?1"
                            + " and status = 'publishing' and lease_expires_at > ?2"
                            + (running.isEmpty() ? "" : " and id not in (?3)"))
                    .setParameter(1, owner).setParameter(2, Timestamp.from(now));
            if (!running.isEmpty()) {
                release.setParameter(3, running);
            }
            return release.executeUpdate();
        });
    }

    /** An adapter's checkpoint, committed at once under the lease; false when the lease is no longer this attempt's. */
    public boolean saveCheckpoint(UUID targetId, String owner, int attempt, String checkpoint) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "update post_platforms set platform_checkpoint = ?4 where id = ?1 and lease_owner = ?2"
                        + " and attempts = ?3 and status = 'publishing'")
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

    /**
     * When the next pending target of a scheduled post falls due: the first entry of each platform's part of the
     * pending index (five probes; there is deliberately no index on the due time alone — see V13).
     */
    public Optional<Instant> nextDue() {
        return QuarkusTransaction.requiringNew().call(() -> Optional.ofNullable(SqlValues.instant(
                em.createNativeQuery("""
                                select min(first.next_attempt_at) from social_platforms sp cross join lateral (
                                    select pp.next_attempt_at from post_platforms pp
                                    join posts p on p.id = pp.post_id
                                    where pp.status = 'pending' and pp.platform = sp.key
                                      and pp.next_attempt_at is not null and p.status in ('scheduled', 'publishing')
                                    order by pp.next_attempt_at limit 1) first""")
                        .getSingleResult())));
    }

    /** How many due targets wait and since when, for alerting (a count of what is overdue: not for every loop). */
    public Backlog backlog(Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object[] row = (Object[]) em.createNativeQuery("""
                            select coalesce(sum(due.n), 0), min(due.oldest) from social_platforms sp cross join lateral (
                                select count(*) as n, min(pp.next_attempt_at) as oldest from post_platforms pp
                                join posts p on p.id = pp.post_id
                                where pp.status = 'pending' and pp.platform = sp.key and pp.next_attempt_at <= ?1
                                  and p.status in ('scheduled', 'publishing')) due""")
                    .setParameter(1, Timestamp.from(now)).getSingleResult();
            return new Backlog(((Number) row[0]).longValue(), SqlValues.instant(row[1]));
        });
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
        String before = status(postId);
        int cancelled = em.createNativeQuery("update post_platforms set status = 'cancelled', next_attempt_at = null,"
                                             + " updated_at = ?2 where post_id = ?1 and status = 'pending'")
                .setParameter(1, postId).setParameter(2, Timestamp.from(now)).executeUpdate();
        if (cancelled > 0) {
            em.createNativeQuery("update posts set updated_at = ?2, version = version + 1,"
                                 + " status = case when status = 'draft' then 'cancelled' else status end"
                                 + " where id = ?1")
                    .setParameter(1, postId)
                    .setParameter(2, Timestamp.from(now)).executeUpdate();
            deriveStatus(postId, now);
            events.statusChanged(postId, before, status(postId));
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
        List<UUID> posts = em.createNativeQuery(
                        "select id from posts where id in (select post_id from post_platforms"
                        + " where user_platform_id = ?1 and status in ('pending', 'publishing'))"
                        + " order by id for update", UUID.class)
                .setParameter(1, connectionId).getResultList();
        if (posts.isEmpty()) {
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
        for (UUID post : posts) {
            StatusChange change = deriveStatus(post, now);
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
            StatusChange change = deriveStatus(postId, now);
            events.statusChanged(postId, change.from(), change.to());
        }
        return updated;
    }

    // ---- shared -----------------------------------------------------------------------------------------------------

    private void lockPost(UUID postId) {
        em.createNativeQuery("select id from posts where id = ?1 for update").setParameter(1, postId).getResultList();
    }

    /**
     * A scheduled post's status from its targets' (a draft stays a draft, a post awaiting approval keeps waiting; see
     * {@link PostStatus#derive}).
     */
    @SuppressWarnings("unchecked")
    private StatusChange deriveStatus(UUID postId, Instant now) {
        List<Object[]> targets = em.createNativeQuery(
                        "select status, published_at from post_platforms where post_id = ?1")
                .setParameter(1, postId).getResultList();
        Instant lastPublished = targets.stream().map(t -> SqlValues.instant(t[1])).filter(Objects::nonNull)
                .max(Instant::compareTo).orElse(null);
        return writeStatus(postId, PostStatus.derive(targets.stream().map(t -> (String) t[0]).toList()),
                           lastPublished, now);
    }

    private StatusChange writeStatus(UUID postId, String status, Instant lastPublished, Instant now) {
        boolean published = status.equals(PostStatus.PUBLISHED) || status.equals(PostStatus.PARTIALLY_PUBLISHED);
        // A draft stays a draft; a post awaiting approval waits on (only cancelling every target ends it). The
        // status before comes from the statement's own snapshot, for the post's event.
        List<Object[]> written = rows(em.createNativeQuery(
                        "with before as (select status from posts where id = ?1)"
                        + " update posts set status = ?2, updated_at = ?3, version = version + 1,"
                        + " published_at = case when ?4 then ?5 else published_at end"
                        + " where id = ?1 and status <> 'draft'"
                        + " and (status <> 'pending_approval' or ?2 = 'cancelled')"
                        + " returning (select status from before), status")
                .setParameter(1, postId).setParameter(2, status).setParameter(3, Timestamp.from(now))
                .setParameter(4, published)
                .setParameter(5, lastPublished == null ? null : Timestamp.from(lastPublished)));
        return written.isEmpty() ? new StatusChange(null, null)
                : new StatusChange((String) written.get(0)[0], (String) written.get(0)[1]);
    }

    private String status(UUID postId) {
        return (String) em.createNativeQuery("select status from posts where id = ?1").setParameter(1, postId)
                .getSingleResult();
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(Query query) {
        return query.getResultList();
    }
}
