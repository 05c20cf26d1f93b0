package dev.poststride.post;

import dev.poststride.common.Problem.FieldError;
import dev.poststride.media.MediaView;
import dev.poststride.platform.CreatorInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A TikTok target's choices checked against what the creator may do now ({@code creator_info}), as TikTok's Content
 * Sharing Guidelines ask: a privacy level among the creator's options, no interaction the creator turned off, no
 * video longer than the creator may post, and a cover among the photos.
 */
final class TikTokChoices {

    private TikTokChoices() {
    }

    static List<FieldError> check(String field, Map<String, Object> options, CreatorInfo creator,
                                  List<MediaView> media) {
        List<FieldError> errors = new ArrayList<>();
        String at = field + ".options.";
        Object privacy = options.get("privacy_level");
        if (privacy != null && !creator.privacyLevelOptions().contains(privacy)) {
            errors.add(new FieldError(at + "privacy_level", "this TikTok account allows only "
                                                            + String.join(", ", creator.privacyLevelOptions()),
                                      "privacy_level_not_allowed"));
        }
        refuseIfDisabled(errors, at, options, "allow_comment", creator.commentDisabled(), "comments");
        refuseIfDisabled(errors, at, options, "allow_duet", creator.duetDisabled(), "duets");
        refuseIfDisabled(errors, at, options, "allow_stitch", creator.stitchDisabled(), "stitches");
        Integer longest = creator.maxVideoPostDurationSec();
        for (MediaView video : media.stream().filter(m -> m.mediaType().equals("video")).toList()) {
            if (longest != null && video.durationMs() != null && video.durationMs() > longest * 1000L) {
                errors.add(new FieldError(field + ".media", "this TikTok account may post videos up to " + longest
                                                            + " s; this one runs " + video.durationMs() / 1000 + " s",
                                          "creator_video_duration"));
            }
        }
        long photos = media.stream().filter(m -> m.mediaType().equals("image")).count();
        if (options.get("photo_cover_index") instanceof Integer cover && photos > 0 && cover >= photos) {
            errors.add(new FieldError(at + "photo_cover_index", "the post has " + photos + " photos (0 to "
                                                                + (photos - 1) + ")", "option_value"));
        }
        return errors;
    }

    private static void refuseIfDisabled(List<FieldError> errors, String at, Map<String, Object> options,
                                         String option, boolean disabled, String what) {
        if (disabled && Boolean.TRUE.equals(options.get(option))) {
            errors.add(new FieldError(at + option, "the creator turned " + what + " off on TikTok",
                                      "interaction_disabled"));
        }
    }
}
