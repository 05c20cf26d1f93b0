package dev.poststride.platform;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A platform as the catalogue shows it: the limits a client needs to validate a draft before sending it, the JSON
 * Schema of its per-target options, and the notices a client must show before scheduling a post to it.
 */
public record PlatformView(UUID id, String key, String name, int textLimit, String textCounting,
                           boolean requiresMedia, int maxImages, boolean supportsVideo, boolean supportsGif,
                           boolean allowsMixedMedia, List<String> imageMimeTypes, Long maxImageBytes,
                           Long maxVideoBytes, Long maxVideoDurationMs, Long maxDocumentBytes, boolean connectable,
                           Map<String, Object> optionsSchema, List<String> notices) {

    static PlatformView of(SocialPlatform p, boolean connectable) {
        return new PlatformView(p.id, p.key, p.name, p.textLimit, p.textCounting, p.requiresMedia, p.maxImages,
                                p.supportsVideo, p.supportsGif, p.allowsMixedMedia,
                                Arrays.stream(p.imageMimeTypes.split(",")).map(String::trim).toList(),
                                p.maxImageBytes, p.maxVideoBytes, p.maxVideoDurationMs, p.maxDocumentBytes,
                                connectable,
                                PlatformKey.fromKey(p.key).map(TargetOptions::schema).orElse(Map.of()),
                                PlatformKey.fromKey(p.key).map(TargetOptions::notices).orElse(List.of()));
    }
}
