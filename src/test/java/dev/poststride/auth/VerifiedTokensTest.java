package dev.poststride.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.jwt.auth.principal.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** A verified token is verified once until it expires; a refused one is never remembered. */
class VerifiedTokensTest {

    private final Instant start = Instant.parse("2026-12-01T09:00:00Z");
    private Instant now = start;
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final VerifiedTokens tokens = new VerifiedTokens(clock, new AuthConfig() {
        @Override
        public Duration accessTokenTtl() {
            return Duration.ofMinutes(15);
        }

        @Override
        public Duration refreshTokenTtl() {
            return Duration.ofDays(30);
        }

        @Override
        public Throttle throttle() {
            throw new UnsupportedOperationException();
        }
    });
    private final AtomicInteger verifications = new AtomicInteger();

    @Test
    void aTokenIsVerifiedOnceWhileItIsValid() throws Exception {
        VerifiedTokens.Verifier verifier = token -> {
            verifications.incrementAndGet();
            return expiringAt(start.plusSeconds(900));
        };
        JsonWebToken first = tokens.get("token-a", verifier);
        now = start.plusSeconds(899);
        assertThat(tokens.get("token-a", verifier)).isSameAs(first);
        assertThat(verifications).hasValue(1);
        assertThat(tokens.get("token-b", verifier)).isNotNull();
        assertThat(verifications).hasValue(2);
    }

    @Test
    void atItsExpiryTheTokenIsVerifiedAgainAndTheVerifiersRefusalStands() throws Exception {
        tokens.get("token-a", token -> expiringAt(start.plusSeconds(900)));
        now = start.plusSeconds(900);
        assertThatThrownBy(() -> tokens.get("token-a", token -> {
            verifications.incrementAndGet();
            throw new ParseException("expired");
        })).isInstanceOf(ParseException.class);
        assertThat(verifications).hasValue(1);
    }

    @Test
    void aRefusedTokenIsNeverRemembered() {
        VerifiedTokens.Verifier refuse = token -> {
            verifications.incrementAndGet();
            throw new ParseException("bad signature");
        };
        assertThatThrownBy(() -> tokens.get("forged", refuse)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> tokens.get("forged", refuse)).isInstanceOf(ParseException.class);
        assertThat(verifications).hasValue(2);
        assertThat(tokens.size()).isZero();
    }

    private static JsonWebToken expiringAt(Instant exp) {
        return new JsonWebToken() {
            @Override
            public String getName() {
                return "user";
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of("exp");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                return "exp".equals(claimName) ? (T) Long.valueOf(exp.getEpochSecond()) : null;
            }
        };
    }
}
