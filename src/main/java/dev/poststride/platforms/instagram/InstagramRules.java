package dev.poststride.platforms.instagram;

import dev.poststride.common.Problem.FieldError;
import dev.poststride.platforms.PostingRules;
import dev.poststride.platforms.TargetDraft;
import dev.poststride.platforms.TargetOption;
import dev.poststride.platforms.VideoLimits;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Instagram's options (a first comment, stories, a reel's feed share and cover, and how an image outside Instagram's
 * aspect range is fitted), its video limits (reels: H.264 or HEVC, 23–60 fps, at most 1920 px wide: platform-apis.md
 * 4.4), and the choices that depend on the media (4.3): a story is one image or video and takes no first comment; a
 * reel's options need a single video.
 */
@ApplicationScoped
class InstagramRules implements PostingRules {

    static final String AS_STORY = "as_story";
    static final String SHARE_TO_FEED = "share_to_feed";
    static final String REEL_COVER_OFFSET = "reel_cover_offset_ms";
    /** A reel's cover image: the id of a media item. */
    static final String REEL_COVER = "reel_cover_media_id";
    static final String FIT = "fit";

    private static final List<TargetOption> OPTIONS = List.of(
            TargetOption.firstComment(2200, ""),
            TargetOption.onOff(AS_STORY, "Publish as a story (media_type STORIES): one image or video, shown for 24 h;"
                                         + " a story shows no caption and takes no first comment."),
            TargetOption.onUnlessOff(SHARE_TO_FEED, "A reel (a single video) also appears in the profile's feed. On"
                                                    + " unless set to false."),
            TargetOption.index(REEL_COVER_OFFSET, "The frame of a reel shown as its cover, in milliseconds from the"
                                                  + " start (thumb_offset)."),
            TargetOption.media(REEL_COVER, "An image of the workspace shown as the reel's cover instead of a frame"
                                           + " (cover_url; Instagram then ignores reel_cover_offset_ms); sent as a"
                                           + " JPEG copy where it is not one."),
            TargetOption.choice(FIT, List.of("crop", "pad"), false, "What to do with an image whose width ÷ height"
                                                                      + " is outside 4:5 to 1.91:1: publish a copy"
                                                                      + " cropped to its centre, or padded with"
                                                                      + " white, to the nearest ratio Instagram"
                                                                      + " takes. Unset: such an image is refused"
                                                                      + " (422 image_aspect)."));

    private static final VideoLimits VIDEO = new VideoLimits("Instagram", VideoLimits.H264_H265, "H.264 or HEVC", 23,
                                                             60, null, null, 1920, null);

    @Override
    public List<TargetOption> options() {
        return OPTIONS;
    }

    @Override
    public Optional<String> fit(Map<String, Object> options) {
        return options.get(FIT) instanceof String fit ? Optional.of(fit) : Optional.empty();
    }

    /** A story shows an image in any aspect ratio. */
    @Override
    public boolean anyAspect(Map<String, Object> options) {
        return Boolean.TRUE.equals(options.get(AS_STORY));
    }

    @Override
    public Optional<VideoLimits> videoLimits() {
        return Optional.of(VIDEO);
    }

    @Override
    public List<FieldError> check(TargetDraft target) {
        if (!target.scheduling()) {
            return List.of();
        }
        List<FieldError> errors = new ArrayList<>();
        var options = target.options();
        var media = target.media();
        String field = target.field();
        boolean story = Boolean.TRUE.equals(options.get(AS_STORY));
        if (story && (media.size() != 1 || !List.of("image", "video").contains(media.getFirst().mediaType()))) {
            errors.add(new FieldError(field + ".media", "an Instagram story is one image or one video; this post has "
                                                        + media.size() + " media items", "story_one_media"));
        }
        if (story && options.get(TargetOption.FIRST_COMMENT) != null) {
            errors.add(new FieldError(field + ".options.first_comment", "an Instagram story takes no first comment",
                                      "story_no_comment"));
        }
        boolean reel = !story && media.size() == 1 && media.getFirst().mediaType().equals("video");
        for (String option : List.of(SHARE_TO_FEED, REEL_COVER_OFFSET, REEL_COVER)) {
            if (options.containsKey(option) && !reel) {
                errors.add(new FieldError(field + ".options." + option, "applies to a reel (one video, not a story)",
                                          "reel_only"));
            }
        }
        return errors;
    }
}
