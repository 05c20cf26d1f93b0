package dev.poststride.media;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "media")
class Media extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "workspace_id", nullable = false)
    public UUID workspaceId;

    /** Who uploaded it; null once they deleted their account. */
    @Column(name = "created_by")
    public UUID createdBy;

    @Column(name = "media_type", nullable = false, length = 20)
    public String mediaType;

    @Column(name = "mime_type", nullable = false, length = 100)
    public String mimeType;

    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;

    @Column(nullable = false, length = 64)
    @JdbcTypeCode(SqlTypes.CHAR)
    public String sha256;

    @Column(name = "original_filename", length = 255)
    public String originalFilename;

    @Column(name = "alt_text", length = 1000)
    public String altText;

    public Integer width;

    public Integer height;

    @Column(name = "duration_ms")
    public Long durationMs;

    /** A video's codec (four-character code) and frame rate, from its headers; null when they do not say. */
    @Column(name = "video_codec", length = 8)
    public String videoCodec;

    @Column(name = "frame_rate")
    public Double frameRate;

    /** A JPEG's EXIF orientation when it is not 1 (as stored); null otherwise. */
    public Integer orientation;

    @Column(name = "storage_key", nullable = false, length = 500)
    public String storageKey;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    static Optional<Media> findOwned(UUID id, UUID workspaceId) {
        return find("id = ?1 and workspaceId = ?2", id, workspaceId).firstResultOptional();
    }

    /** The item, locked against attaching it to a post until this transaction ends (for deleting it). */
    static Optional<Media> findOwnedForUpdate(UUID id, UUID workspaceId) {
        return find("id = ?1 and workspaceId = ?2", id, workspaceId).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    static Optional<Media> findBySha256(UUID workspaceId, String sha256) {
        return find("workspaceId = ?1 and sha256 = ?2", workspaceId, sha256).firstResultOptional();
    }
}
