package dev.poststride.platforms.tiktok;

import dev.poststride.common.Problem.FieldError;
import dev.poststride.media.MediaView;
import dev.poststride.platforms.CreatorInfo;
import dev.poststride.platforms.PostingRules;
import dev.poststride.platforms.TargetDraft;
import dev.poststride.platforms.TargetOption;
import dev.poststride.platforms.VideoLimits;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * TikTok's Direct Post choices (Content Sharing Guidelines): privacy chosen by the user from the creator's allowed
 * levels with no default, interactions off unless the user turns them on, commercial-content disclosure, the notices
 * a client shows before posting; its video limits (H.264, H.265, VP8 or VP9, 23–60 fps, 360–4096 px on each side:
 * platform-apis.md 5.4); and the choices checked against what the creator may do now ({@code creator_info}): a
 * privacy level among the creator's options, no interaction the creator turned off, no video longer than the creator
 * may post, and a cover among the photos.
 */
@ApplicationScoped
class TikTokRules implements PostingRules {

    /** TikTok privacy levels (platform-apis.md 5.2). */
    static final String PUBLIC = "PUBLIC_TO_EVERYONE";
    static final String SELF_ONLY = "SELF_ONLY";

    /** What TikTok asks apps to show the user before they post (Content Sharing Guidelines). */
    static final String CONSENT = "By posting, you agree to TikTok's Music Usage Confirmation.";
    static final String BRANDED_CONSENT = "By posting, you agree to TikTok's Branded Content Policy and Music Usage"
                                          + " Confirmation.";

    private static final List<TargetOption> OPTIONS = List.of(
            TargetOption.choice("privacy_level", List.of(PUBLIC, "MUTUAL_FOLLOW_FRIENDS", "FOLLOWER_OF_CREATOR",
                                                         SELF_ONLY),
                                true, "Who can see the post, chosen by the user among the creator's"
                                      + " privacy_level_options (TikTok's creator_info); TikTok requires that choice,"
                                      + " so there is no default. Required to schedule."),
            TargetOption.onOff("allow_comment", "Let viewers comment; refused when the creator turned comments off."),
            TargetOption.onOff("allow_duet", "Let viewers duet the video (videos only); refused when the creator"
                                             + " turned duets off."),
            TargetOption.onOff("allow_stitch", "Let viewers stitch the video (videos only); refused when the creator"
                                               + " turned stitches off."),
            TargetOption.onOff("disclose_your_brand", "The post promotes the creator's own business: TikTok labels it"
                                                      + " 'Promotional content'."),
            TargetOption.onOff("disclose_branded_content", "The post promotes a third party: TikTok labels it 'Paid"
                                                           + " partnership'. Cannot be combined with SELF_ONLY."),
            TargetOption.text("photo_title", 90, "Title of a photo post (at most 90 characters); default: the text's"
                                                 + " first 90."),
            TargetOption.index("photo_cover_index", "Which photo is the cover, from 0; default 0."));

    private static final VideoLimits VIDEO = new VideoLimits("TikTok", Set.of("avc1", "avc3", "hvc1", "hev1", "vp08",
                                                                              "vp09"),
                                                             "H.264, H.265, VP8 or VP9", 23, 60, 360, 4096, null,
                                                             null);

    @Override
    public List<TargetOption> options() {
        return OPTIONS;
    }

    @Override
    public List<String> notices() {
        return List.of(CONSENT, BRANDED_CONSENT);
    }

    @Override
    public Optional<VideoLimits> videoLimits() {
        return Optional.of(VIDEO);
    }

    /** Branded content cannot be private. */
    @Override
    public List<FieldError> combinations(Map<String, Object> options, String field) {
        if (Boolean.TRUE.equals(options.get("disclose_branded_content"))
            && SELF_ONLY.equals(options.get("privacy_level"))) {
            return List.of(new FieldError(field + ".options.privacy_level", "branded content cannot be private on"
                                                                            + " TikTok; choose another privacy level",
                                          "branded_content_private"));
        }
        return List.of();
    }

    @Override
    public List<FieldError> check(TargetDraft target) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> options = target.options();
        String at = target.field() + ".options.";
        if (!target.scheduling()) {
            return errors;
        }
        // What the creator may do now; unknown when TikTok cannot be asked (the publish checks again).
        Optional<CreatorInfo> read = target.creator();
        if (read.isEmpty()) {
            return errors;
        }
        CreatorInfo creator = read.get();
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
        List<MediaView> media = target.media();
        for (MediaView video : media.stream().filter(m -> m.mediaType().equals("video")).toList()) {
            if (longest != null && video.durationMs() != null && video.durationMs() > longest * 1000L) {
                errors.add(new FieldError(target.field() + ".media", "this TikTok account may post videos up to "
                                                                     + longest + " s; this one runs "
                                                                     + video.durationMs() / 1000 + " s",
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
