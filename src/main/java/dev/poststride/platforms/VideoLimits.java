package dev.poststride.platforms;

import dev.poststride.common.Problem.FieldError;
import dev.poststride.media.MediaView;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The limits a platform publishes for a video's codec, frame rate and size, checked against what the upload's headers
 * said. Only what is known is checked: a video whose headers did not say passes, and the platform decides. Null
 * bounds are not checked.
 *
 * @param platform   the name used in messages ("TikTok")
 * @param codecNames the codecs in words ("H.264 or HEVC")
 */
public record VideoLimits(String platform, Set<String> codecs, String codecNames, double minFps, double maxFps,
                          Integer minSide, Integer maxSide, Integer maxWidth, Double maxAspect) {

    /** The four-character codes of H.264 in MP4 sample entries. */
    public static final Set<String> H264 = Set.of("avc1", "avc3");
    /** H.264 and H.265 (HEVC). */
    public static final Set<String> H264_H265 = Set.of("avc1", "avc3", "hvc1", "hev1");

    /** Every limit {@code media}'s videos break, reported on {@code field + ".media"}. */
    public List<FieldError> check(String field, List<MediaView> media) {
        List<FieldError> errors = new ArrayList<>();
        String at = field + ".media";
        for (MediaView video : media.stream().filter(m -> m.mediaType().equals("video")).toList()) {
            String name = video.originalFilename() != null ? video.originalFilename() : video.id().toString();
            if (video.videoCodec() != null && !codecs.contains(video.videoCodec())) {
                errors.add(new FieldError(at, platform + " takes " + codecNames + " video; " + name + " is "
                                              + video.videoCodec() + ".", "video_codec"));
            }
            Double fps = video.frameRate();
            if (fps != null && (fps < minFps || fps > maxFps)) {
                errors.add(new FieldError(at, platform + " takes " + range(minFps, maxFps) + " frames per second; "
                                              + name + " has " + fps + ".", "frame_rate"));
            }
            Integer width = video.width();
            Integer height = video.height();
            if (width == null || height == null) {
                continue;
            }
            int shorter = Math.min(width, height);
            int longer = Math.max(width, height);
            if (minSide != null && shorter < minSide || maxSide != null && longer > maxSide) {
                errors.add(new FieldError(at, platform + " takes videos of " + minSide + " to " + maxSide
                                              + " px on each side; " + name + " is " + width + "×" + height + ".",
                                          "video_resolution"));
            }
            if (maxWidth != null && width > maxWidth) {
                errors.add(new FieldError(at, platform + " takes videos up to " + maxWidth + " px wide; " + name
                                              + " is " + width + " px wide.", "video_resolution"));
            }
            if (maxAspect != null && (double) longer / shorter > maxAspect) {
                errors.add(new FieldError(at, platform + " takes aspect ratios between 1:3 and 3:1; " + name + " is "
                                              + width + "×" + height + ".", "video_aspect"));
            }
        }
        return errors;
    }

    private static String range(double min, double max) {
        return min > 0 ? (long) min + " to " + (long) max : "at most " + (long) max;
    }
}
