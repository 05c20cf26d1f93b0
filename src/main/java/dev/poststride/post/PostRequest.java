package dev.poststride.post;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Body of {@code POST /api/posts} and {@code PUT /api/posts/{id}}. {@code scheduledAt} is text: an instant with an
 * offset, or a wall-clock time read in the user's timezone. {@code status} may only ask for draft or scheduled
 * (default: scheduled when a time is given, else draft).
 */
public record PostRequest(@NotNull @Size(max = 100_000) String content, String scheduledAt, String status,
                          @Size(max = 50) List<@Valid @NotNull TargetRequest> targets,
                          @Size(max = 35) List<@NotNull UUID> mediaIds) {

    /**
     * One target: the connection, an optional text of its own, and options of its platform (checked against
     * {@code GET /api/platforms}' {@code options_schema}).
     */
    public record TargetRequest(@NotNull UUID connectionId, @Size(max = 100_000) String content,
                                @Size(max = 30) Map<String, Object> options) {

        /** The options given, without those set to null (the same as not given). */
        Map<String, Object> optionMap() {
            Map<String, Object> given = new LinkedHashMap<>();
            if (options != null) {
                options.forEach((name, value) -> {
                    if (value != null) {
                        given.put(name, value);
                    }
                });
            }
            return given;
        }
    }

    List<TargetRequest> targetList() {
        return targets == null ? List.of() : targets;
    }

    List<UUID> mediaList() {
        return mediaIds == null ? List.of() : mediaIds;
    }
}
