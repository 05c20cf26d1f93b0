package dev.poststride.post;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@Entity
@Table(name = "posts")
class Post extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "workspace_id", nullable = false)
    public UUID workspaceId;

    /** Who wrote it; null once they deleted their account. */
    @Column(name = "created_by")
    public UUID createdBy;

    @Column(nullable = false, columnDefinition = "text")
    public String content;

    @Column(nullable = false, length = 30)
    public String status;

    @Column(name = "scheduled_at")
    public Instant scheduledAt;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    static Optional<Post> findOwned(UUID id, UUID workspaceId) {
        return find("id = ?1 and workspaceId = ?2", id, workspaceId).firstResultOptional();
    }
}
