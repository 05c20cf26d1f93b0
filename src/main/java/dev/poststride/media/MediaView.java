package dev.poststride.media;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/** Media as the API shows it. Registered for reflection: the upload answers it inside a {@code Response}. */
@RegisterForReflection
public record MediaView(UUID id, String mediaType, String mimeType, long sizeBytes, String sha256,
                        String originalFilename, String altText, Integer width, Integer height, Long durationMs,
                        String videoCodec, Double frameRate, Instant createdAt) {

    static MediaView of(Media m) {
        return new MediaView(m.id, m.mediaType, m.mimeType, m.sizeBytes, m.sha256, m.originalFilename, m.altText,
                             m.width, m.height, m.durationMs, m.videoCodec, m.frameRate, m.createdAt);
    }
}
