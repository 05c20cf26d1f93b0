package dev.poststride.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A workspace's webhook receiver: where events go, which ones, and the secrets that sign them (sealed). */
@Entity
@Table(name = "webhook_endpoints")
class WebhookEndpoint extends PanacheEntityBase {

    static final String ACTIVE = "active";
    static final String DISABLED = "disabled";

    @Id
    public UUID id;

    @Column(name = "workspace_id", nullable = false)
    public UUID workspaceId;

    @Column(nullable = false, length = 2000)
    public String url;

    @Column(length = 200)
    public String description;

    /** Event types separated by commas; null for every type. */
    @Column(name = "event_types", length = 1000)
    public String eventTypes;

    @Column(name = "secret_sealed", nullable = false, columnDefinition = "text")
    public String secretSealed;

    @Column(name = "previous_secret_sealed", columnDefinition = "text")
    public String previousSecretSealed;

    @Column(name = "previous_secret_expires_at")
    public Instant previousSecretExpiresAt;

    @Column(nullable = false, length = 20)
    public String status;

    @Column(name = "disabled_reason", length = 300)
    public String disabledReason;

    @Column(name = "failing_since")
    public Instant failingSince;

    @Column(name = "created_by")
    public UUID createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The vault context of this endpoint's secrets: a sealed secret opens only for its own endpoint. */
    String sealContext() {
        return sealContext(workspaceId, id);
    }

    static String sealContext(UUID workspaceId, UUID endpointId) {
        return "webhook:" + workspaceId + ":" + endpointId;
    }

    /** The event types it receives, or empty for all. */
    Optional<List<String>> types() {
        return Optional.ofNullable(eventTypes).map(types -> Arrays.asList(types.split(",")));
    }

    static Optional<WebhookEndpoint> findOwned(UUID id, UUID workspaceId) {
        return find("id = ?1 and workspaceId = ?2", id, workspaceId).firstResultOptional();
    }

    static Optional<WebhookEndpoint> findOwnedForUpdate(UUID id, UUID workspaceId) {
        return find("id = ?1 and workspaceId = ?2", id, workspaceId).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }
}
