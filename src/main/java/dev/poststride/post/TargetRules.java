package dev.poststride.post;

import dev.poststride.common.Problem.FieldError;
import dev.poststride.media.MediaView;
import dev.poststride.platform.PlatformView;
import dev.poststride.platforms.TextCounting;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks one target against its platform's rules, which are data ({@code social_platforms}, seeded from
 * platform-apis.md section 7): text length (X weighted), required media, image count and types, GIF and video
 * support, mixing, sizes and video duration. Every broken rule is reported, each naming the target and the rule.
 * Images that break a rule a derived copy can meet are not errors: {@link ImageFit} plans that copy instead.
 */
final class TargetRules {

    /**
     * The documents a platform with {@code max_document_bytes} takes (LinkedIn's Documents API: PDF, PPT, PPTX, DOC,
     * DOCX, per Ayrshare's LinkedIn media guidelines, see platform-apis.md section 2.4).
     */
    static final Set<String> DOCUMENT_TYPES = Set.of(
            "application/pdf", "application/vnd.ms-powerpoint",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation", "application/msword",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

    private TargetRules() {
    }

    /** The broken rules, and the images this target publishes as derived copies. */
    record Checked(List<FieldError> errors, List<FittedMedia> fitted) {
    }

    /**
     * @param fit   the target's {@code options.fit} ({@code crop}, {@code pad} or null)
     * @param story whether the target takes images in any aspect ratio (an Instagram story)
     */
    static Checked check(int index, PlatformView platform, TextCounting counting, String text, List<MediaView> media,
                         String fit, boolean story) {
        List<FieldError> errors = new ArrayList<>();
        List<FittedMedia> fitted = new ArrayList<>();
        String field = "targets[" + index + "]";
        String name = platform.name();

        int length = counting.count(text);
        if (length > platform.textLimit()) {
            errors.add(new FieldError(field + ".content", name + " allows " + platform.textLimit() + " "
                                                          + counting.unit() + "; this text has " + length + ".",
                                      "text_limit"));
        }

        List<MediaView> images = media.stream().filter(m -> m.mediaType().equals("image")).toList();
        List<MediaView> gifs = media.stream().filter(m -> m.mediaType().equals("gif")).toList();
        List<MediaView> videos = media.stream().filter(m -> m.mediaType().equals("video")).toList();
        List<MediaView> documents = media.stream().filter(m -> m.mediaType().equals("document")).toList();
        List<MediaView> audio = media.stream().filter(m -> m.mediaType().equals("audio")).toList();
        String mediaField = field + ".media";

        if (platform.requiresMedia() && images.isEmpty() && gifs.isEmpty() && videos.isEmpty()) {
            errors.add(new FieldError(mediaField, name + " needs at least one image or video.", "requires_media"));
        }
        if (!audio.isEmpty() || !documents.isEmpty() && platform.maxDocumentBytes() == null) {
            errors.add(new FieldError(mediaField, name + " cannot publish " + (audio.isEmpty() ? "documents"
                    : "audio files") + ".", "unsupported_media"));
        } else if (!documents.isEmpty()) {
            if (documents.size() > 1 || documents.size() < media.size()) {
                errors.add(new FieldError(mediaField, name + " takes one document per post, without other media.",
                                          "one_document"));
            }
            for (MediaView document : documents) {
                if (!DOCUMENT_TYPES.contains(document.mimeType())) {
                    errors.add(new FieldError(mediaField, name + " takes PDF, PowerPoint (PPTX, PPT) and Word (DOCX,"
                                                          + " DOC) documents; " + label(document) + " is "
                                                          + document.mimeType() + ".", "document_type"));
                }
                if (document.sizeBytes() > platform.maxDocumentBytes()) {
                    errors.add(new FieldError(mediaField, name + " takes documents up to " + platform.maxDocumentBytes()
                                                          + " bytes; " + label(document) + " has "
                                                          + document.sizeBytes() + ".", "document_size"));
                }
            }
        }
        if (!gifs.isEmpty() && !platform.supportsGif()) {
            errors.add(new FieldError(mediaField, name + " does not take GIFs.", "gif_not_supported"));
        }
        if (gifs.size() > 1) {
            errors.add(new FieldError(mediaField, name + " takes one GIF per post.", "one_gif"));
        }
        if (!videos.isEmpty() && !platform.supportsVideo()) {
            errors.add(new FieldError(mediaField, name + " does not take videos.", "video_not_supported"));
        }
        if (videos.size() > 1 && !platform.allowsMixedMedia()) {
            errors.add(new FieldError(mediaField, name + " takes one video per post.", "one_video"));
        }
        int visualKinds = (images.isEmpty() ? 0 : 1) + (gifs.isEmpty() ? 0 : 1) + (videos.isEmpty() ? 0 : 1);
        if (visualKinds > 1 && !platform.allowsMixedMedia()) {
            errors.add(new FieldError(mediaField, name + " does not mix images, GIFs and videos in one post.",
                                      "mixed_media"));
        }
        int visualCount = images.size() + gifs.size() + (platform.allowsMixedMedia() ? videos.size() : 0);
        if (visualCount > platform.maxImages()) {
            errors.add(new FieldError(mediaField, name + " takes at most " + platform.maxImages() + " images per"
                                                  + " post; this post has " + visualCount + ".", "max_images"));
        }
        for (MediaView image : images) {
            ImageFit.Decision decision = ImageFit.decide(mediaField, platform, image, fit, story);
            errors.addAll(decision.errors());
            decision.fitted().ifPresent(fitted::add);
        }
        for (MediaView video : videos) {
            if (platform.maxVideoBytes() != null && video.sizeBytes() > platform.maxVideoBytes()) {
                errors.add(new FieldError(mediaField, name + " takes videos up to " + platform.maxVideoBytes()
                                                      + " bytes; " + label(video) + " has " + video.sizeBytes() + ".",
                                          "video_size"));
            }
            if (platform.maxVideoDurationMs() != null && video.durationMs() != null
                && video.durationMs() > platform.maxVideoDurationMs()) {
                errors.add(new FieldError(mediaField, name + " takes videos up to " + platform.maxVideoDurationMs() / 1000
                                                      + " s; " + label(video) + " runs " + video.durationMs() / 1000
                                                      + " s.", "video_duration"));
            }
        }
        return new Checked(errors, List.copyOf(fitted));
    }

    private static String label(MediaView media) {
        return media.originalFilename() != null ? media.originalFilename() : media.id().toString();
    }
}
