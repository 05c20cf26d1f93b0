package dev.poststride.post;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A post as the API shows it. Registered for reflection: creation answers it inside a {@code Response}, and
 * idempotent replays read it back from JSON.
 */
@RegisterForReflection
public record PostView(UUID id, String content, String status, Instant scheduledAt, Instant publishedAt,
                       Instant createdAt, Instant updatedAt, UUID createdBy, List<TargetView> targets,
                       List<MediaRef> media) {

    @RegisterForReflection
    public record TargetView(UUID id, UUID connectionId, String platform, String content, JsonNode options,
                             String status, String platformPostId, String permalink, Instant publishedAt,
                             int attempts, Instant nextAttemptAt, LastError lastError, FirstComment firstComment,
                             List<ThreadPart> thread, List<FittedMedia> fittedMedia) {
    }

    /** A part of an X thread already posted (null list when the target is no thread): its id and link, in order. */
    @RegisterForReflection
    public record ThreadPart(int index, String platformPostId, String permalink) {
    }

    /**
     * The target's first comment (null when it has none): {@code waiting} until the post is published, then
     * {@code pending} while it is posted, {@code posted} with its id, or {@code failed} with the reason.
     */
    @RegisterForReflection
    public record FirstComment(String text, String status, String platformCommentId, String error) {
    }

    @RegisterForReflection
    public record LastError(String code, String message, Boolean retryable) {
    }

    @RegisterForReflection
    public record MediaRef(UUID id, String mediaType, String mimeType, int position, Integer width, Integer height,
                           Long durationMs) {
    }
}
