package dev.poststride.platform;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.poststride.platforms.PostingRules;
import dev.poststride.platforms.TargetOptions;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A platform as the catalogue shows it: the limits a client needs to validate a draft before sending it, the JSON
 * Schema of its per-target options, the notices a client must show before scheduling a post to it, and where it can
 * be connected in more than one way ({@code PlatformOAuth#flowName()}), each flow and whether it is set up here.
 */
public record PlatformView(UUID id, String key, String name, int textLimit, String textCounting,
                           boolean requiresMedia, int maxImages, boolean supportsVideo, boolean supportsGif,
                           boolean allowsMixedMedia, List<String> imageMimeTypes, Long maxImageBytes,
                           Long maxVideoBytes, Long maxVideoDurationMs, Long maxDocumentBytes, Long maxImagePixels,
                           Double minImageAspect, Double maxImageAspect, boolean connectable,
                           Map<String, Object> optionsSchema, List<String> notices, List<Flow> connectFlows) {

    /** A way of connecting the platform: its name for {@code flow} on connect, whether it is the default, set up. */
    @RegisterForReflection
    public record Flow(String flow, @JsonProperty("default") boolean standard, boolean connectable) {
    }

    static PlatformView of(SocialPlatform p, PostingRules rules, boolean connectable, List<Flow> connectFlows) {
        return new PlatformView(p.id, p.key, p.name, p.textLimit, rules.counting().name(), p.requiresMedia, p.maxImages,
                                p.supportsVideo, p.supportsGif, p.allowsMixedMedia,
                                Arrays.stream(p.imageMimeTypes.split(",")).map(String::trim).toList(),
                                p.maxImageBytes, p.maxVideoBytes, p.maxVideoDurationMs, p.maxDocumentBytes,
                                p.maxImagePixels, p.minImageAspect, p.maxImageAspect, connectable,
                                TargetOptions.schema(rules.options()), rules.notices(), connectFlows);
    }
}
