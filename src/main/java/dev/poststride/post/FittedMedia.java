package dev.poststride.post;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.poststride.media.FitSpec;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.UUID;

/**
 * An image a target publishes as a derived copy instead of as uploaded: which one, what the copy will be (a JPEG of
 * about this size in pixels; smaller if it must shrink to meet a byte limit) and each change made, with the rule that
 * asked for it. Stored with the target ({@code post_platforms.fitted_media}, with the recipe) and shown in its view and
 * in the dry run.
 */
@RegisterForReflection
public record FittedMedia(UUID mediaId, String mimeType, int width, int height, List<Change> changes,
                          @JsonIgnore FitSpec spec) {

    /**
     * One change: {@code converted} (another format made JPEG), {@code compressed} (re-encoded to meet a byte limit),
     * {@code rotated} (turned upright as its EXIF orientation says), {@code cropped} / {@code padded} (to an aspect
     * range, as {@code options.fit} asked), {@code scaled} (down to a pixel limit).
     */
    @RegisterForReflection
    public record Change(String change, String description) {
    }

    /** The form stored with the target: the same, with the recipe the publisher follows. */
    @RegisterForReflection
    public record Stored(UUID mediaId, String mimeType, int width, int height, List<Change> changes, FitSpec spec) {

        FittedMedia view() {
            return new FittedMedia(mediaId, mimeType, width, height, changes, spec);
        }
    }

    Stored stored() {
        return new Stored(mediaId, mimeType, width, height, changes, spec);
    }
}
