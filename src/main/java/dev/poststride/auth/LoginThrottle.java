package dev.poststride.auth;

import dev.poststride.common.Problems;
import dev.poststride.common.Sha256;
import dev.poststride.common.SqlValues;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Counts failed logins in PostgreSQL, so that every instance sees the same counts: per account and client address
 * together, per address, and per account overall with a much higher ceiling. Once a key reaches its limit within the
 * window, logins for it answer 429 until the block ends. Failures from one address never lock the account for the
 * others: a stranger who knows an email cannot keep its owner out.
 */
@ApplicationScoped
class LoginThrottle {

    private final AuthConfig.Throttle config;
    private final Clock clock;

    LoginThrottle(AuthConfig config, Clock clock) {
        this.config = config.throttle();
        this.clock = clock;
    }

    /** Throws 429 when the account or the address is blocked. */
    @Transactional
    void checkAllowed(String email, String address) {
        Instant now = clock.instant();
        List<?> blockedUntil = Panache.getEntityManager().createNativeQuery("""
                select max(blocked_until) from login_throttle
                where throttle_key in (:pair, :account, :address) and blocked_until > :now""")
                .setParameter("pair", pairKey(email, address))
                .setParameter("account", accountKey(email))
                .setParameter("address", addressKey(address))
                .setParameter("now", now)
                .getResultList();
        Object until = blockedUntil.isEmpty() ? null : blockedUntil.getFirst();
        if (until != null) {
            Instant end = SqlValues.instant(until);
            throw new Problems.TooManyRequests("Too many failed logins. Try again later.",
                                               Duration.between(now, end));
        }
    }

    @Transactional
    void recordFailure(String email, String address) {
        record(pairKey(email, address), config.maxFailuresPerAccount());
        record(accountKey(email), config.maxFailuresPerAccountOverall());
        record(addressKey(address), config.maxFailuresPerAddress());
    }

    @Transactional
    void recordSuccess(String email, String address) {
        Panache.getEntityManager()
                .createNativeQuery("delete from login_throttle where throttle_key in (:pair, :account)")
                .setParameter("pair", pairKey(email, address))
                .setParameter("account", accountKey(email))
                .executeUpdate();
    }

    private void record(String key, int maxFailures) {
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
                .setParameter("max", maxFailures)
                .setParameter("blockUntil", now.plus(config.block()))
                .setParameter("windowStart", now.minus(config.window()))
                .executeUpdate();
    }

    private static String accountKey(String email) {
        return "account:" + normalized(email);
    }

    /** Hashed, so that a long email and address still fit the key column. */
    private static String pairKey(String email, String address) {
        return "pair:" + Sha256.hex(normalized(email) + "|" + address);
    }

    private static String normalized(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
