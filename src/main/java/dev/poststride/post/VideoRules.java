package dev.poststride.post;

import dev.poststride.common.Problem.FieldError;
import dev.poststride.media.MediaView;
import dev.poststride.platform.PlatformKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A video's codec, frame rate and size (read from its headers at upload) against the limits each platform publishes
 * (platform-apis.md 1.4, 4.4, 5.4). Only what is known is checked: a video whose headers did not say passes, and the
 * platform decides. LinkedIn and Facebook publish no such limits.
 */
final class VideoRules {

    /** One platform's limits; null bounds are not checked. */
    private record Limits(String platform, Set<String> codecs, String codecNames, double minFps, double maxFps,
                          Integer minSide, Integer maxSide, Integer maxWidth, Double maxAspect) {
    }

    private static final Set<String> H264 = Set.of("avc1", "avc3");
    private static final Set<String> H264_H265 = Set.of("avc1", "avc3", "hvc1", "hev1");
    private static final Set<String> TIKTOK_CODECS = Set.of("avc1", "avc3", "hvc1", "hev1", "vp08", "vp09");

    private VideoRules() {
    }

    private static Limits limits(PlatformKey platform) {
        return switch (platform) {
            // X: H.264, at most 60 fps, aspect between 1:3 and 3:1.
            case X -> new Limits("X", H264, "H.264", 0, 60, null, null, null, 3.0);
            // Instagram reels: H.264 or HEVC, 23–60 fps, at most 1920 px wide.
            case INSTAGRAM -> new Limits("Instagram", H264_H265, "H.264 or HEVC", 23, 60, null, null, 1920, null);
            // TikTok: H.264, H.265, VP8 or VP9, 23–60 fps, 360–4096 px on each side.
            case TIKTOK -> new Limits("TikTok", TIKTOK_CODECS, "H.264, H.265, VP8 or VP9", 23, 60, 360, 4096, null,
                                      null);
            case LINKEDIN, FACEBOOK -> null;
        };
    }

    static List<FieldError> check(String field, PlatformKey platform, List<MediaView> media) {
        Limits limits = limits(platform);
        List<FieldError> errors = new ArrayList<>();
        if (limits == null) {
            return errors;
        }
        String at = field + ".media";
        for (MediaView video : media.stream().filter(m -> m.mediaType().equals("video")).toList()) {
            String name = video.originalFilename() != null ? video.originalFilename() : video.id().toString();
            if (video.videoCodec() != null && !limits.codecs().contains(video.videoCodec())) {
                errors.add(new FieldError(at, limits.platform() + " takes " + limits.codecNames() + " video; " + name
                                              + " is " + video.videoCodec() + ".", "video_codec"));
            }
            Double fps = video.frameRate();
            if (fps != null && (fps < limits.minFps() || fps > limits.maxFps())) {
                errors.add(new FieldError(at, limits.platform() + " takes " + range(limits.minFps(), limits.maxFps())
                                              + " frames per second; " + name + " has " + fps + ".", "frame_rate"));
            }
            Integer width = video.width();
            Integer height = video.height();
            if (width == null || height == null) {
                continue;
            }
            int shorter = Math.min(width, height);
            int longer = Math.max(width, height);
            if (limits.minSide() != null && shorter < limits.minSide() || limits.maxSide() != null
                                                                          && longer > limits.maxSide()) {
                errors.add(new FieldError(at, limits.platform() + " takes videos of " + limits.minSide() + " to "
                                              + limits.maxSide() + " px on each side; " + name + " is " + width + "×"
                                              + height + ".", "video_resolution"));
            }
            if (limits.maxWidth() != null && width > limits.maxWidth()) {
                errors.add(new FieldError(at, limits.platform() + " takes videos up to " + limits.maxWidth()
                                              + " px wide; " + name + " is " + width + " px wide.",
                                          "video_resolution"));
            }
            if (limits.maxAspect() != null && (double) longer / shorter > limits.maxAspect()) {
                errors.add(new FieldError(at, limits.platform() + " takes aspect ratios between 1:3 and 3:1; " + name
                                              + " is " + width + "×" + height + ".", "video_aspect"));
            }
        }
        return errors;
    }

    private static String range(double min, double max) {
        return min > 0 ? (long) min + " to " + (long) max : "at most " + (long) max;
    }
}
