package dev.poststride.media;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@Entity
@Table(name = "media")
class Media extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @Column(name = "media_type", nullable = false)
    public String mediaType;

    @Column(name = "mime_type", nullable = false)
    public String mimeType;

    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;

    @Column(nullable = false)
    public String sha256;

    @Column(name = "original_filename")
    public String originalFilename;

    @Column(name = "alt_text")
    public String altText;

    public Integer width;

    public Integer height;

    @Column(name = "duration_ms")
    public Long durationMs;

    @Column(name = "storage_key", nullable = false)
    public String storageKey;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    static Optional<Media> findOwned(UUID id, UUID userId) {
        return find("id = ?1 and userId = ?2", id, userId).firstResultOptional();
    }

    static Optional<Media> findBySha256(UUID userId, String sha256) {
        return find("userId = ?1 and sha256 = ?2", userId, sha256).firstResultOptional();
    }
}
