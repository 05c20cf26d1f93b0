package dev.poststride.common;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Counts events per key in PostgreSQL ({@code login_throttle}), so that every instance sees the same counts: once a
 * key reaches its limit within the window it is blocked until the block ends. Keys carry their purpose as a prefix
 * ({@code pair:}, {@code register:}, {@code password:} ...); the retention job drops stale ones.
 */
@ApplicationScoped
public class Throttle {

    /** How many events a key may count within {@code window} before it is blocked for {@code block}. */
    public record Limit(int max, Duration window, Duration block) {
    }

    private final Clock clock;

    Throttle(Clock clock) {
        this.clock = clock;
    }

    /** Throws 429 with {@code detail} (and Retry-After) while any of {@code keys} is blocked. */
    @Transactional
    public void checkAllowed(Collection<String> keys, String detail) {
        Instant now = clock.instant();
        List<?> blockedUntil = Panache.getEntityManager().createNativeQuery(
                        "select max(blocked_until) from login_throttle where throttle_key in (:keys)"
                        + " and blocked_until > :now")
                .setParameter("keys", keys).setParameter("now", now).getResultList();
        Object until = blockedUntil.isEmpty() ? null : blockedUntil.getFirst();
        if (until != null) {
            throw new Problems.TooManyRequests(detail, Duration.between(now, SqlValues.instant(until)));
        }
    }

    /**
     * Counts one event against {@code key}; the count that reaches {@code limit.max()} blocks it. Committed on its own,
     * so a failure counts even when the caller's transaction rolls back with the error it answers.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(String key, Limit limit) {
        Instant now = clock.instant();
        Panache.getEntityManager().createNativeQuery("""
                insert into login_throttle as t (throttle_key, window_started_at, failures, blocked_until)
                values (:key, :now, 1, case when 1 >= :max then cast(:blockUntil as timestamptz) end)
                on conflict (throttle_key) do update set
                    window_started_at = case when t.window_started_at <= :windowStart then :now
                                             else t.window_started_at end,
                    failures = case when t.window_started_at <= :windowStart then 1 else t.failures + 1 end,
                    blocked_until = case
                        when (case when t.window_started_at <= :windowStart then 1 else t.failures + 1 end) >= :max
                            then cast(:blockUntil as timestamptz)
                        else t.blocked_until end""")
                .setParameter("key", key)
                .setParameter("now", now)
                .setParameter("max", limit.max())
                .setParameter("blockUntil", now.plus(limit.block()))
                .setParameter("windowStart", now.minus(limit.window()))
                .executeUpdate();
    }

    /** Forgets the counts of {@code keys} (a success ends the guessing). */
    @Transactional
    public void clear(Collection<String> keys) {
        Panache.getEntityManager().createNativeQuery("delete from login_throttle where throttle_key in (:keys)")
                .setParameter("keys", keys).executeUpdate();
    }
}
