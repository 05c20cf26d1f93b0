package dev.poststride.platform;

import dev.poststride.platforms.PlatformKey;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Optional;
import java.util.UUID;

/** A supported platform and its publishing rules, seeded by the migrations (read-only here). */
@Entity
@Table(name = "social_platforms")
public class SocialPlatform extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false, length = 20)
    public String key;

    @Column(nullable = false, length = 50)
    public String name;

    @Column(name = "text_limit", nullable = false)
    public int textLimit;

    /** Where the platform stands in the catalogue ({@code GET /api/platforms}). */
    @Column(nullable = false)
    public int position;

    @Column(name = "requires_media", nullable = false)
    public boolean requiresMedia;

    @Column(name = "max_images", nullable = false)
    public int maxImages;

    @Column(name = "supports_video", nullable = false)
    public boolean supportsVideo;

    @Column(name = "supports_gif", nullable = false)
    public boolean supportsGif;

    @Column(name = "allows_mixed_media", nullable = false)
    public boolean allowsMixedMedia;

    @Column(name = "image_mime_types", nullable = false, length = 200)
    public String imageMimeTypes;

    @Column(name = "max_image_bytes")
    public Long maxImageBytes;

    @Column(name = "max_video_bytes")
    public Long maxVideoBytes;

    @Column(name = "max_video_duration_ms")
    public Long maxVideoDurationMs;

    /** Null: the platform takes no documents; else one document (PDF, PowerPoint, Word) per post up to this size. */
    @Column(name = "max_document_bytes")
    public Long maxDocumentBytes;

    /** The most pixels (width × height) an image may have; null: no published limit. */
    @Column(name = "max_image_pixels")
    public Long maxImagePixels;

    /** The range of an image's width ÷ height the platform takes; null: any. */
    @Column(name = "min_image_aspect")
    public Double minImageAspect;

    @Column(name = "max_image_aspect")
    public Double maxImageAspect;

    public PlatformKey platformKey() {
        return new PlatformKey(key);
    }

    public static Optional<SocialPlatform> findByKey(PlatformKey key) {
        return find("key", key.key()).firstResultOptional();
    }
}
