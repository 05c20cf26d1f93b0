package dev.poststride.platforms.meta;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poststride.platforms.PublishingQuota;
import java.util.Optional;

/**
 * A publishing limit as Meta answers it (Instagram's {@code content_publishing_limit}, Threads'
 * {@code threads_publishing_limit}): {@code {"data": [{"quota_usage": 4, "config": {"quota_total": 250,
 * "quota_duration": 86400}, ...}]}}, where Threads adds the same pair for replies.
 */
public final class GraphQuota {

    private GraphQuota() {
    }

    /** The posts quota of an answer's body; empty when Meta does not say. */
    public static Optional<PublishingQuota> posts(JsonNode body) {
        return of(body, "quota_usage", "config");
    }

    /** A quota of an answer's body by its usage and config fields; empty when Meta does not say. */
    public static Optional<PublishingQuota> of(JsonNode body, String usageField, String configField) {
        JsonNode limit = body.path("data").path(0);
        JsonNode used = limit.path(usageField);
        JsonNode total = limit.path(configField).path("quota_total");
        if (!used.isNumber() || !total.isNumber()) {
            return Optional.empty();
        }
        return Optional.of(new PublishingQuota(used.asInt(), total.asInt(),
                                               limit.path(configField).path("quota_duration").asLong(86_400)));
    }
}
