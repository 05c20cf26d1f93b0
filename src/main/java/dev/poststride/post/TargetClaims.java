package dev.poststride.post;

import dev.poststride.common.SqlValues;
import dev.poststride.common.work.LeasedRows;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
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
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The engine's side of a target's lease: claiming due targets (and ones whose lease expired mid-publish), renewing
 * and releasing leases, ending publishes abandoned too often, and what waits (the next due time, the backlog). A claim
 * never waits for a lock ({@code SKIP LOCKED} on the post and the target), so it cannot deadlock with an edit, and an
 * edit or a cancel that holds the post's lock keeps the engine off its targets until it commits.
 *
 * <p>Every write after a claim is fenced by the lease owner <em>and</em> the attempt number: an instance whose lease
 * ran out, or an older attempt of the same instance, can no longer change the target. How an attempt ends is
 * {@link TargetStates}'; the post's status is {@link PostStates}'.
 */
@ApplicationScoped
public class TargetClaims {

    /** A target an engine instance now holds; {@code recovered} when it was taken over from an expired lease. */
    public record Claimed(UUID targetId, UUID postId, int attempt, String platform, boolean recovered,
                          Instant previousAttemptStartedAt) {
    }

    /** The overdue backlog, for alerting: how many targets are due and not yet claimed, and the oldest due time. */
    public record Backlog(long overdue, Instant oldestDue) {
    }

    /**
     * Due targets, per platform at most its room ({@code ?5} is a {@code values} list of platform and room), oldest
     * due first across platforms, at most {@code ?4} in all. Each platform's part is a range scan of the pending index
     * that stops at its room; rows a platform locked beyond the overall limit are not taken and unlock at commit.
     */
    /** The targets as leased work: held while publishing. */
    static final LeasedRows TARGETS = new LeasedRows("post_platforms", PostStatus.TARGET_PUBLISHING);

    private static final String CLAIM_DUE = TARGETS.claim("""
            select c.id from (values ?5) as room (platform, n)
            cross join lateral (
                select pp.id, pp.next_attempt_at, pp.post_id from post_platforms pp
                join posts p on p.id = pp.post_id
                where pp.status = 'pending' and pp.platform = room.platform and pp.next_attempt_at <= ?3
                  and p.status in ('scheduled', 'publishing')
                order by pp.next_attempt_at, pp.post_id, pp.id
                limit room.n
                for update of pp, p skip locked) c
            order by c.next_attempt_at, c.post_id, c.id
            limit ?4""", "t.post_id, t.platform");

    private static final String CLAIM_EXPIRED = TARGETS.takeOver("""
            select pp.id from post_platforms pp join posts p on p.id = pp.post_id
            where pp.status = 'publishing' and pp.lease_expires_at < ?3 and pp.attempts < ?6
              and pp.platform in (?5)
            order by pp.lease_expires_at
            limit ?4
            for update of pp, p skip locked""", "t.post_id, t.platform");

    private final EntityManager em;
    private final PostEvents events;
    private final PostStates posts;

    /** The claim of due targets with one platform's room, for the test of its query plan. */
    static String claimDueSql() {
        return CLAIM_DUE.replace("?5", "(?5, 8)");
    }

    TargetClaims(EntityManager em, PostEvents events, PostStates posts) {
        this.em = em;
        this.events = events;
        this.posts = posts;
    }

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
            posts.claimed(new LinkedHashSet<>(claimed.stream().map(Claimed::postId).toList()), now);
            return claimed;
        });
    }

    private static Claimed claimed(Object[] row, boolean recovered, Instant previousStart) {
        return new Claimed((UUID) row[0], (UUID) row[2], ((Number) row[1]).intValue(), (String) row[3], recovered,
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
                posts.lock((UUID) row[1]);
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
                    PostStates.StatusChange change = posts.followTargets((UUID) row[1], PostLifecycle.Change.GIVE_UP,
                                                                        now);
                    events.attemptEnded((UUID) row[1], (UUID) row[0], PostStatus.TARGET_FAILED, change.from(),
                                        change.to());
                }
                return updated;
            });
        }
        return failed;
    }

    /**
     * Extends the leases of publishes this owner is running; returns the attempt now stored for each target it still
     * holds (a target missing, or with another attempt, was taken over).
     */
    public Map<UUID, Integer> renew(String owner, Collection<UUID> targets, Instant until, Instant now) {
        if (targets.isEmpty()) {
            return Map.of();
        }
        return QuarkusTransaction.requiringNew().call(() -> TARGETS.renew(em, owner, targets, until, now));
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
        return QuarkusTransaction.requiringNew().call(
                () -> TARGETS.expireAt(em, claimed.targetId(), owner, claimed.attempt(), until));
    }

    /** Ends this owner's leases except those of {@code running}, making the targets claimable by other instances. */
    public int release(String owner, Collection<UUID> running, Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> TARGETS.release(em, owner, running, now));
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

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(Query query) {
        return query.getResultList();
    }
}
