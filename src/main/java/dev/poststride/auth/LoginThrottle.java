package dev.poststride.auth;

import dev.poststride.common.Sha256;
import dev.poststride.common.Throttle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Locale;

/**
 * Counts failed logins in PostgreSQL, so that every instance sees the same counts: per account and client address
 * together, per address, and per account overall with a much higher ceiling. Once a key reaches its limit within the
 * window, logins for it answer 429 until the block ends. Failures from one address never lock the account for the
 * others: a stranger who knows an email cannot keep its owner out. Registrations per address are counted the same way.
 */
@ApplicationScoped
class LoginThrottle {

    private final AuthConfig.Throttle config;
    private final Throttle throttle;

    LoginThrottle(AuthConfig config, Throttle throttle) {
        this.config = config.throttle();
        this.throttle = throttle;
    }

    /** Throws 429 when the account or the address is blocked. */
    void checkAllowed(String email, String address) {
        throttle.checkAllowed(List.of(pairKey(email, address), accountKey(email), addressKey(address)),
                              "Too many failed logins. Try again later.");
    }

    @Transactional
    void recordFailure(String email, String address) {
        throttle.record(pairKey(email, address), limit(config.maxFailuresPerAccount()));
        throttle.record(accountKey(email), limit(config.maxFailuresPerAccountOverall()));
        throttle.record(addressKey(address), limit(config.maxFailuresPerAddress()));
    }

    void recordSuccess(String email, String address) {
        throttle.clear(List.of(pairKey(email, address), accountKey(email)));
    }

    /** Registrations from one address: refused (429) past the limit within the window, so accounts are not farmed. */
    void register(String address) {
        String key = "register:" + address;
        throttle.checkAllowed(List.of(key), "Too many accounts registered from this address. Try again later.");
        throttle.record(key, limit(config.maxRegistrationsPerAddress()));
    }

    private Throttle.Limit limit(int max) {
        return new Throttle.Limit(max, config.window(), config.block());
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
