package dev.poststride.platforms;

import dev.poststride.common.Problem.FieldError;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a platform lets a target carry beyond its catalogue limits (text length, media counts, types and sizes, which
 * are data in {@code social_platforms}): its options, the notices a client must show before scheduling, how it
 * counts text, its published video limits, and the checks only it knows.
 */
public interface PostingRules {

    /** What {@code targets[].options} may hold. */
    default List<TargetOption> options() {
        return List.of();
    }

    /** What a client must show the user before a post to this platform is scheduled. */
    default List<String> notices() {
        return List.of();
    }

    default TextCounting counting() {
        return TextCounting.CHARACTERS;
    }

    /** The platform's published limits for videos, if it has any. */
    default Optional<VideoLimits> videoLimits() {
        return Optional.empty();
    }

    /** How the target's images outside the platform's aspect range are fitted ({@code crop}, {@code pad}), if said. */
    default Optional<String> fit(Map<String, Object> options) {
        return Optional.empty();
    }

    /** Whether the target takes images of any aspect ratio (an Instagram story). */
    default boolean anyAspect(Map<String, Object> options) {
        return false;
    }

    /**
     * Combinations of options the platform refuses, checked when a post is saved whatever else is wrong with it (so
     * read values defensively: they may be of the wrong kind).
     */
    default List<FieldError> combinations(Map<String, Object> options, String field) {
        return List.of();
    }

    /**
     * The platform's own rules for a target whose options passed the generic checks: combinations of options, and
     * options that depend on the media or the account's live settings.
     */
    default List<FieldError> check(TargetDraft target) {
        return List.of();
    }
}
