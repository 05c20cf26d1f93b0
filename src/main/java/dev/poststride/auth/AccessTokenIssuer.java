package dev.poststride.auth;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Signs short-lived RS256 access tokens; the keys and issuer come from the SmallRye JWT configuration. */
@ApplicationScoped
class AccessTokenIssuer {

    static final String SESSION_CLAIM = "sid";

    String issue(UUID userId, UUID sessionId, Instant issuedAt, Instant expiresAt) {
        return Jwt.subject(userId.toString())
                .groups(Set.of("user"))
                .claim("jti", UUID.randomUUID().toString())
                .claim(SESSION_CLAIM, sessionId.toString())
                .issuedAt(issuedAt)
                .expiresAt(expiresAt)
                .sign();
    }
}
