package dev.poststride.post;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/** One target of a post: the post going to one connected account, with its own publishing state. */
@Entity
@Table(name = "post_platforms")
class PublishTarget extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "post_id", nullable = false)
    public UUID postId;

    @Column(name = "user_platform_id", nullable = false)
    public UUID connectionId;

    @Column(nullable = false)
    public int position;

    @Column(name = "content_override", columnDefinition = "text")
    public String contentOverride;

    /** The platform's options for this target, as JSON text ({@code targets[].options}). */
    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String options;

    /** The images published as derived copies ({@link FittedMedia.Stored}, a JSON array); null when none. */
    @Column(name = "fitted_media", columnDefinition = "jsonb")
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String fittedMedia;

    @Column(nullable = false, length = 20)
    public String status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "platform_post_id", length = 200)
    public String platformPostId;

    @Column(length = 2000)
    public String permalink;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "last_error_code", length = 100)
    public String lastErrorCode;

    @Column(name = "last_error_message", length = 2000)
    public String lastErrorMessage;

    @Column(name = "last_error_retryable")
    public Boolean lastErrorRetryable;

    /** An adapter's note for checking an unknown outcome (owned by the publishing engine; cleared on a reset). */
    @Column(name = "platform_checkpoint", length = 2000)
    public String platformCheckpoint;

    @Column(name = "lease_owner", length = 100)
    public String leaseOwner;

    @Column(name = "lease_expires_at")
    public Instant leaseExpiresAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    static List<PublishTarget> ofPost(UUID postId) {
        return list("postId = ?1 order by position, createdAt, id", postId);
    }
}
