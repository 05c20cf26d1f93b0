package dev.poststride.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A signature and an expiry are not enough: the token's session must still be live, so that logout,
 * refresh-token reuse and password changes take effect at once rather than when the token expires.
 */
@ApplicationScoped
class ActiveSessionAugmentor implements SecurityIdentityAugmentor {

    private final SessionService sessions;

    ActiveSessionAugmentor(SessionService sessions) {
        this.sessions = sessions;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        return context.runBlocking(() -> {
            if (!isLive(token)) {
                throw new AuthenticationFailedException("session ended");
            }
            return identity;
        });
    }

    private boolean isLive(JsonWebToken token) {
        Object sid = token.getClaim(AccessTokenIssuer.SESSION_CLAIM);
        if (sid == null || token.getSubject() == null) {
            return false;
        }
        try {
            return sessions.isActive(UUID.fromString(sid.toString()), UUID.fromString(token.getSubject()));
        } catch (IllegalArgumentException notUuid) {
            return false;
        }
    }
}
