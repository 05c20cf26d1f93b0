package dev.poststride.auth;

import dev.poststride.common.Problems;
import dev.poststride.common.Sha256;
import dev.poststride.user.AccountExport;
import dev.poststride.user.PasswordChanged;
import dev.poststride.user.UserService;
import dev.poststride.user.UserView;
import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Sessions and their tokens. A session is opened at login, its refresh token rotates on every refresh, and
 * presenting a refresh token that was already rotated revokes the whole session (it was stolen or replayed).
 */
@ApplicationScoped
class SessionService {

    private static final String INVALID_REFRESH = "The refresh token is invalid or expired.";

    private final AccessTokenIssuer accessTokens;
    private final UserService users;
    private final AuthConfig config;
    private final Clock clock;
    private final DataSource db;
    private final SecureRandom random = new SecureRandom();

    SessionService(AccessTokenIssuer accessTokens, UserService users, AuthConfig config, Clock clock, DataSource db) {
        this.accessTokens = accessTokens;
        this.users = users;
        this.config = config;
        this.clock = clock;
        this.db = db;
    }

    @Transactional
    SessionView open(UserView user) {
        Instant now = clock.instant();
        AuthSession session = new AuthSession();
        session.id = UUID.randomUUID();
        session.userId = user.id();
        session.createdAt = now;
        session.expiresAt = now.plus(config.refreshTokenTtl());
        session.persist();
        return issue(session, user, now);
    }

    @Transactional(dontRollbackOn = Problems.Unauthorized.class)
    SessionView refresh(String refreshToken) {
        Instant now = clock.instant();
        RefreshToken presented = RefreshToken.<RefreshToken>find("tokenHash", hash(refreshToken))
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional()
                .orElseThrow(() -> new Problems.Unauthorized(INVALID_REFRESH));
        AuthSession session = AuthSession.<AuthSession>findByIdOptional(presented.sessionId,
                                                                         LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> new Problems.Unauthorized(INVALID_REFRESH));
        if (presented.usedAt != null) {
            session.revoke("refresh_token_reuse", now);
            throw new Problems.Unauthorized(INVALID_REFRESH);
        }
        if (!session.isActive(now) || !presented.expiresAt.isAfter(now)) {
            throw new Problems.Unauthorized(INVALID_REFRESH);
        }
        UserView user = users.find(session.userId).orElseThrow(() -> new Problems.Unauthorized(INVALID_REFRESH));
        presented.usedAt = now;
        session.expiresAt = now.plus(config.refreshTokenTtl());
        return issue(session, user, now);
    }

    @Transactional
    void logout(UUID sessionId) {
        AuthSession.<AuthSession>findByIdOptional(sessionId).ifPresent(s -> s.revoke("logout", clock.instant()));
    }

    /** A live session's view of a workspace: which one the request is about, and the user's role there if any. */
    record SessionAccess(UUID workspaceId, String role) {
    }

    /**
     * Whether access tokens of this session may still be used (it exists, belongs to the user and is live), and the
     * user's role in the workspace the request names ({@code requested}) or, without one, in their personal
     * workspace. It runs on every authenticated request, so it is one indexed read in plain JDBC (no ORM session, no
     * transaction), and never cached, so a logout or a removal from a workspace takes effect at once on every
     * instance. Empty when the session is not live; a workspace the user is not a member of has no role.
     */
    Optional<SessionAccess> check(UUID sessionId, UUID userId, Optional<UUID> requested) {
        String workspace = requested.isPresent() ? "w.id = ?" : "w.personal_of = s.user_id";
        String sql = "select w.id, m.role from auth_sessions s left join workspaces w on " + workspace
                     + " left join workspace_members m on m.workspace_id = w.id and m.user_id = s.user_id"
                     + " where s.id = ? and s.user_id = ? and s.revoked_at is null and s.expires_at > ?";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            if (requested.isPresent()) {
                s.setObject(i++, requested.get());
            }
            s.setObject(i++, sessionId);
            s.setObject(i++, userId);
            s.setTimestamp(i, Timestamp.from(clock.instant()));
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new SessionAccess(rs.getObject(1, UUID.class), rs.getString(2)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Checking the session failed", e);
        }
    }

    /** The export's sessions: when each began, ends or ended and why; never a token. */
    @Transactional
    void onExport(@Observes AccountExport export) {
        export.add("sessions", AuthSession.<AuthSession>list("userId = ?1 order by createdAt", export.userId())
                .stream().map(s -> {
                    Map<String, Object> session = new LinkedHashMap<>();
                    session.put("id", s.id);
                    session.put("created_at", s.createdAt);
                    session.put("expires_at", s.expiresAt);
                    session.put("revoked_at", s.revokedAt);
                    session.put("revoke_reason", s.revokeReason);
                    return session;
                }).toList());
    }

    /** A new password ends every other session of the user; the one that changed it goes on. */
    void onPasswordChanged(@Observes PasswordChanged event) {
        Optional<UUID> keep = currentSessionId();
        Instant now = clock.instant();
        AuthSession.<AuthSession>stream("userId = ?1 and revokedAt is null", event.userId())
                .filter(s -> keep.isEmpty() || !s.id.equals(keep.get()))
                .forEach(s -> s.revoke("password_change", now));
    }

    private Optional<UUID> currentSessionId() {
        if (!Arc.container().requestContext().isActive()) {
            return Optional.empty();
        }
        JsonWebToken token = Arc.container().instance(JsonWebToken.class).get();
        Object sid = token == null ? null : token.getClaim(AccessTokenIssuer.SESSION_CLAIM);
        return sid == null ? Optional.empty() : Optional.of(UUID.fromString(sid.toString()));
    }

    private SessionView issue(AuthSession session, UserView user, Instant now) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String refreshToken = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        RefreshToken stored = new RefreshToken();
        stored.id = UUID.randomUUID();
        stored.sessionId = session.id;
        stored.tokenHash = hash(refreshToken);
        stored.issuedAt = now;
        stored.expiresAt = session.expiresAt;
        stored.persist();
        Instant accessExpiry = now.plus(config.accessTokenTtl());
        String accessToken = accessTokens.issue(user.id(), session.id, now, accessExpiry);
        return new SessionView(accessToken, "Bearer", config.accessTokenTtl().toSeconds(), refreshToken, user);
    }

    private static String hash(String token) {
        return Sha256.hex(token);
    }
}
