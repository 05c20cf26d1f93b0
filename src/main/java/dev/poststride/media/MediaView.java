package dev.poststride.media;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/**
 * Media as the API shows it. Registered for reflection: the upload answers it inside a {@code Response}. {@code width}
 * and {@code height} are the stored pixels'; {@code orientation} is a JPEG's EXIF orientation when it is not 1 (the
 * picture shows turned: 5-8 swap width and height).
 */
@RegisterForReflection
public record MediaView(UUID id, String mediaType, String mimeType, long sizeBytes, String sha256,
                        String originalFilename, String altText, Integer width, Integer height, Long durationMs,
                        String videoCodec, Double frameRate, Integer orientation, Instant createdAt) {

    static MediaView of(Media m) {
        return new MediaView(m.id, m.mediaType, m.mimeType, m.sizeBytes, m.sha256, m.originalFilename, m.altText,
                             m.width, m.height, m.durationMs, m.videoCodec, m.frameRate, m.orientation, m.createdAt);
    }

    /** The same item as a derived copy shows it to the platform: its own type, size and pixels, upright. */
    public MediaView as(Rendition rendition) {
        return new MediaView(id, mediaType, rendition.mimeType(), rendition.sizeBytes(), sha256, originalFilename,
                             altText, rendition.width(), rendition.height(), durationMs, videoCodec, frameRate, null,
                             createdAt);
    }
}
