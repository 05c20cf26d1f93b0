package dev.poststride.auth;

import dev.poststride.common.access.Access;
import dev.poststride.common.access.RequestedWorkspace;
import dev.poststride.common.access.RequestedWorkspace.Named;
import dev.poststride.common.access.Role;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A signature and an expiry are not enough: the token's session must still be live, so that logout,
 * refresh-token reuse and password changes take effect at once rather than when the token expires. The same read
 * finds the caller's role in the workspace the request is about ({@link RequestedWorkspace}: the path of a
 * workspace call, {@code X-Workspace-Id}, by default the personal one), which the identity carries as its
 * {@link Access}.
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
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(identity);
        Named named = routing == null ? new Named.Nothing() : RequestedWorkspace.of(routing.request());
        return context.runBlocking(() -> {
            Access access = access(token, named).orElseThrow(() -> new AuthenticationFailedException("session ended"));
            return QuarkusSecurityIdentity.builder(identity).addAttribute(Access.ATTRIBUTE, access).build();
        });
    }

    private Optional<Access> access(JsonWebToken token, Named named) {
        Object sid = token.getClaim(AccessTokenIssuer.SESSION_CLAIM);
        if (sid == null || token.getSubject() == null) {
            return Optional.empty();
        }
        UUID userId;
        UUID sessionId;
        try {
            userId = UUID.fromString(token.getSubject());
            sessionId = UUID.fromString(sid.toString());
        } catch (IllegalArgumentException notUuid) {
            return Optional.empty();
        }
        if (named instanceof Named.Unknown) {
            // A workspace that cannot exist: the session is checked, and the caller is a member of nothing.
            return sessions.check(sessionId, userId, Optional.empty())
                    .map(live -> Access.ofSession(userId, null, null));
        }
        return sessions.check(sessionId, userId, RequestedWorkspace.id(named))
                .map(live -> Access.ofSession(userId, live.workspaceId(),
                                              live.role() == null ? null : Role.fromKey(live.role()).orElse(null)));
    }
}
