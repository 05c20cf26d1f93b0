package dev.poststride.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The access tokens this instance verified already, each until its {@code exp} (see {@link VerifiedTokenCache}).
 * Bounded; a token that fails verification is never remembered.
 */
@Singleton
class VerifiedTokens {

    /** Enough for every client active within one access-token lifetime on one instance; a miss only costs time. */
    static final int MAX_TOKENS = 4096;

    /** Full verification of a token: signature, issuer, audience, expiry. */
    @FunctionalInterface
    interface Verifier {
        JsonWebToken verify(String token) throws ParseException;
    }

    private final Clock clock;
    private final Cache<String, JsonWebToken> tokens;

    VerifiedTokens(Clock clock, AuthConfig config) {
        this.clock = clock;
        this.tokens = Caffeine.newBuilder().maximumSize(MAX_TOKENS).expireAfterWrite(config.accessTokenTtl()).build();
    }

    JsonWebToken get(String token, Verifier verifier) throws ParseException {
        JsonWebToken known = tokens.getIfPresent(token);
        if (known != null && clock.instant().getEpochSecond() < known.getExpirationTime()) {
            return known;
        }
        JsonWebToken fresh = verifier.verify(token); // throws for a bad signature, issuer, audience or expiry
        tokens.put(token, fresh);
        return fresh;
    }

    /** How many tokens are remembered now (for tests and diagnostics). */
    long size() {
        tokens.cleanUp();
        return tokens.estimatedSize();
    }
}
