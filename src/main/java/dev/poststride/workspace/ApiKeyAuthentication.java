package dev.poststride.workspace;

import dev.poststride.common.Sha256;
import dev.poststride.common.access.Access;
import dev.poststride.common.access.RequestedWorkspace;
import dev.poststride.common.access.RequestedWorkspace.Named;
import dev.poststride.common.access.Role;
import dev.poststride.common.access.Scope;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * {@code Authorization: Bearer psk_live_…}: an API key instead of an access token, wherever a token works except on
 * the account, profile and key calls. Every request reads the key (one indexed read, never cached), joined with its
 * creator's membership, so a revocation, an expiry or the creator leaving the workspace takes effect at once on every
 * instance. Other bearer tokens are left to the JWT mechanism.
 */
@ApplicationScoped
class ApiKeyAuthentication implements HttpAuthenticationMechanism {

    private static final String BEARER = "Bearer ";

    /** The key as presented, with the workspace the request names, if any. */
    static final class KeyRequest extends BaseAuthenticationRequest {
        final String key;
        final Named workspace;

        KeyRequest(String key, Named workspace) {
            this.key = key;
            this.workspace = workspace;
        }
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String header = context.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER + ApiKeys.PREFIX, 0,
                                                    BEARER.length() + ApiKeys.PREFIX.length())) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(new KeyRequest(header.substring(BEARER.length()).strip(),
                                                      RequestedWorkspace.of(context.request())));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends io.quarkus.security.identity.request.AuthenticationRequest>> getCredentialTypes() {
        return Set.of(KeyRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }

    /** Before the JWT mechanism (priority 1000), which would take the key for a malformed token. */
    @Override
    public int getPriority() {
        return 2000;
    }

    /** Reads the key and its creator's role; records when it was last used (at most once a minute). */
    @ApplicationScoped
    static class KeyIdentities implements IdentityProvider<KeyRequest> {

        private static final Duration USE_RECORDED_EVERY = Duration.ofMinutes(1);

        private final DataSource db;
        private final Clock clock;

        KeyIdentities(DataSource db, Clock clock) {
            this.db = db;
            this.clock = clock;
        }

        @Override
        public Class<KeyRequest> getRequestType() {
            return KeyRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(KeyRequest request, AuthenticationRequestContext context) {
            return context.runBlocking(() -> identity(request));
        }

        private SecurityIdentity identity(KeyRequest request) {
            Instant now = clock.instant();
            try (Connection c = db.getConnection();
                 PreparedStatement read = c.prepareStatement(
                         "select k.id, k.workspace_id, k.created_by, k.scopes, m.role, k.last_used_at from api_keys k"
                         + " join workspace_members m on m.workspace_id = k.workspace_id and m.user_id = k.created_by"
                         + " where k.key_hash = ? and k.revoked_at is null"
                         + " and (k.expires_at is null or k.expires_at > ?)")) {
                read.setString(1, Sha256.hex(request.key));
                read.setTimestamp(2, Timestamp.from(now));
                try (ResultSet rs = read.executeQuery()) {
                    if (!rs.next()) {
                        throw new AuthenticationFailedException("unknown, revoked or expired API key");
                    }
                    UUID keyId = rs.getObject(1, UUID.class);
                    UUID workspaceId = rs.getObject(2, UUID.class);
                    UUID creator = rs.getObject(3, UUID.class);
                    Set<Scope> scopes = Arrays.stream(rs.getString(4).split(" ")).map(Scope::fromKey)
                            .flatMap(Optional::stream).collect(Collectors.toSet());
                    Role role = Role.fromKey(rs.getString(5)).orElseThrow();
                    Timestamp lastUsed = rs.getTimestamp(6);
                    if (lastUsed == null || lastUsed.toInstant().isBefore(now.minus(USE_RECORDED_EVERY))) {
                        recordUse(c, keyId, now);
                    }
                    // A key acts in its own workspace only; naming another one finds nothing there.
                    boolean elsewhere = !(request.workspace instanceof Named.Nothing)
                                        && !RequestedWorkspace.id(request.workspace).equals(Optional.of(workspaceId));
                    Access access = Access.ofKey(creator, keyId, elsewhere ? null : workspaceId,
                                                 elsewhere ? null : role, scopes);
                    return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(creator.toString()))
                            .addAttribute(Access.ATTRIBUTE, access).build();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Reading an API key failed", e);
            }
        }

        private static void recordUse(Connection c, UUID keyId, Instant now) throws SQLException {
            try (PreparedStatement used = c.prepareStatement("update api_keys set last_used_at = ? where id = ?")) {
                used.setTimestamp(1, Timestamp.from(now));
                used.setObject(2, keyId);
                used.executeUpdate();
            }
        }
    }
}
