package dev.poststride.media;

import java.util.UUID;

/** A derived copy of a media item, stored beside it: what the platform is sent instead of the original. */
public record Rendition(UUID id, UUID mediaId, String spec, String mimeType, long sizeBytes, int width, int height,
                        String storageKey) {
}
