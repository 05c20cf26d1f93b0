package dev.poststride.post;

import dev.poststride.common.Problems;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
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

    /**
     * Bumped by every write (here by JPA, in {@link PostStates}' SQL by hand): a request holding a copy older than
     * the row fails with a 409 when it locks or writes the post, instead of writing its stale copy back.
     */
    @Version
    @Column(name = "version", nullable = false)
    public long version;

    static Optional<Post> findOwned(UUID id, UUID workspaceId) {
        return find("id = ?1 and workspaceId = ?2", id, workspaceId).firstResultOptional();
    }

    /** The workspace's post; 404 when there is none (or it is another workspace's: the two are never told apart). */
    static Post owned(UUID id, UUID workspaceId) {
        return findOwned(id, workspaceId).orElseThrow(() -> new Problems.NotFound("The post"));
    }

    /**
     * Row lock on the post before anything of its targets is read or written (the one lock order, see
     * {@link PostStates}): the engine's claim skips a locked post, so an edit or a cancel and a claim cannot
     * interleave.
     */
    void lockForChange() {
        getEntityManager().lock(this, LockModeType.PESSIMISTIC_WRITE);
    }
}
