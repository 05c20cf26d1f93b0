package dev.poststride.platform;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A user's connected account on a platform. Tokens are held sealed by the token vault, never in plaintext. */
@Entity
@Table(name = "user_platforms")
class PlatformConnection extends PanacheEntityBase {

    static final String ACTIVE = "active";
    static final String NEEDS_REAUTH = "needs_reauth";
    static final String REVOKED = "revoked";

    @Id
    public UUID id;

    @Column(name = "workspace_id", nullable = false)
    public UUID workspaceId;

    /** Who connected it; null once they deleted their account. */
    @Column(name = "created_by")
    public UUID createdBy;

    /** The id its tokens are sealed with (the workspace's; the user's for connections made before workspaces). */
    @Column(name = "token_owner_id", nullable = false)
    public UUID tokenOwnerId;

    @Column(name = "platform_id", nullable = false)
    public UUID platformId;

    @Column(name = "account_id", nullable = false, length = 200)
    public String accountId;

    @Column(name = "account_name", length = 300)
    public String accountName;

    @Column(nullable = false, length = 20)
    public String status;

    /** The connect flow the tokens come from ({@code PlatformOAuth#flow()}; null for the platform's standard one). */
    @Column(name = "auth_flow", length = 40)
    public String authFlow;

    @Column(length = 1000)
    public String scopes;

    @Column(name = "access_token_ciphertext", columnDefinition = "text")
    public String accessTokenCiphertext;

    @Column(name = "refresh_token_ciphertext", columnDefinition = "text")
    public String refreshTokenCiphertext;

    @Column(name = "token_key_id", length = 50)
    public String tokenKeyId;

    @Column(name = "token_expires_at")
    public Instant tokenExpiresAt;

    @Column(name = "refresh_token_expires_at")
    public Instant refreshTokenExpiresAt;

    @Column(name = "connected_at", nullable = false)
    public Instant connectedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "refresh_lease_owner", length = 100)
    public String refreshLeaseOwner;

    @Column(name = "refresh_lease_until")
    public Instant refreshLeaseUntil;

    @Column(name = "refresh_failures", nullable = false)
    public int refreshFailures;

    @Column(name = "next_refresh_at")
    public Instant nextRefreshAt;

    @Column(name = "last_refresh_error", length = 300)
    public String lastRefreshError;

    @Column(name = "token_refreshed_at")
    public Instant tokenRefreshedAt;

    /** When the platform last accepted the access token (ConnectionCredentials#recordAccepted). */
    @Column(name = "token_accepted_at")
    public Instant tokenAcceptedAt;

    /** When a refusal of the access token was first confirmed by an identity call (TokenRefusals). */
    @Column(name = "token_refused_at")
    public Instant tokenRefusedAt;

    /** When a refresh of these tokens last began (whatever came of it), to space refreshes out. */
    @Column(name = "last_refresh_attempt_at")
    public Instant lastRefreshAttemptAt;

    static Optional<PlatformConnection> findOwned(UUID id, UUID workspaceId) {
        return find("id = ?1 and workspaceId = ?2", id, workspaceId).firstResultOptional();
    }

    static Optional<PlatformConnection> findOwnedForUpdate(UUID id, UUID workspaceId) {
        return find("id = ?1 and workspaceId = ?2", id, workspaceId).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    static Optional<PlatformConnection> findAccount(UUID workspaceId, UUID platformId, String accountId) {
        return find("workspaceId = ?1 and platformId = ?2 and accountId = ?3", workspaceId, platformId, accountId)
                .firstResultOptional();
    }

    static List<PlatformConnection> listOwned(UUID workspaceId) {
        return list("workspaceId = ?1 order by connectedAt, id", workspaceId);
    }

    /** A refresh failure's reason as the column keeps it: at most 300 characters. */
    static String refreshError(String message) {
        return message == null || message.length() <= 300 ? message : message.substring(0, 297) + "...";
    }
}
