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

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @Column(name = "platform_id", nullable = false)
    public UUID platformId;

    @Column(name = "account_id", nullable = false, length = 200)
    public String accountId;

    @Column(name = "account_name", length = 300)
    public String accountName;

    @Column(nullable = false, length = 20)
    public String status;

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

    /** When a refresh of these tokens last began (whatever came of it), to space refreshes out. */
    @Column(name = "last_refresh_attempt_at")
    public Instant lastRefreshAttemptAt;

    static Optional<PlatformConnection> findOwned(UUID id, UUID userId) {
        return find("id = ?1 and userId = ?2", id, userId).firstResultOptional();
    }

    static Optional<PlatformConnection> findOwnedForUpdate(UUID id, UUID userId) {
        return find("id = ?1 and userId = ?2", id, userId).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    static Optional<PlatformConnection> findAccount(UUID userId, UUID platformId, String accountId) {
        return find("userId = ?1 and platformId = ?2 and accountId = ?3", userId, platformId, accountId)
                .firstResultOptional();
    }

    static List<PlatformConnection> listOwned(UUID userId) {
        return list("userId = ?1 order by connectedAt, id", userId);
    }

    /** What the vault binds a sealed token to: this account of this user, and which token it is. */
    String sealContext(String which) {
        return sealContext(userId, platformId, accountId, which);
    }

    static String sealContext(UUID userId, UUID platformId, String accountId, String which) {
        return "user_platforms/" + userId + "/" + platformId + "/" + accountId + "/" + which;
    }
}
