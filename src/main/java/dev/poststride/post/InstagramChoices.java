package dev.poststride.post;

import dev.poststride.common.Problem.FieldError;
import dev.poststride.media.MediaView;
import dev.poststride.platform.TargetOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An Instagram target's choices that depend on its media (platform-apis.md 4.3): a story is one image or video and
 * takes no first comment; a reel's options need a single video.
 */
final class InstagramChoices {

    private InstagramChoices() {
    }

    static List<FieldError> check(String field, Map<String, Object> options, List<MediaView> media) {
        List<FieldError> errors = new ArrayList<>();
        boolean story = Boolean.TRUE.equals(options.get("as_story"));
        if (story && (media.size() != 1 || !List.of("image", "video").contains(media.getFirst().mediaType()))) {
            errors.add(new FieldError(field + ".media", "an Instagram story is one image or one video; this post has "
                                                        + media.size() + " media items", "story_one_media"));
        }
        if (story && options.get("first_comment") != null) {
            errors.add(new FieldError(field + ".options.first_comment", "an Instagram story takes no first comment",
                                      "story_no_comment"));
        }
        boolean reel = !story && media.size() == 1 && media.getFirst().mediaType().equals("video");
        for (String option : List.of("share_to_feed", "reel_cover_offset_ms", TargetOptions.REEL_COVER)) {
            if (options.containsKey(option) && !reel) {
                errors.add(new FieldError(field + ".options." + option, "applies to a reel (one video, not a story)",
                                          "reel_only"));
            }
        }
        return errors;
    }
}
