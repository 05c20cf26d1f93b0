package dev.poststride.post;

import dev.poststride.common.Problem.FieldError;
import dev.poststride.media.FitSpec;
import dev.poststride.media.MediaView;
import dev.poststride.platform.PlatformView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides, for one image of one target, whether it goes as uploaded, as a derived copy that fits the platform
 * (another format, too many bytes or pixels, an EXIF orientation, an aspect ratio out of range with
 * {@code options.fit}), or not at all (a 422 per broken rule). A copy never changes what the picture shows beyond what
 * the user asked for: an aspect ratio out of range is only cropped or padded when {@code fit} says so.
 */
final class ImageFit {

    /** How far a ratio may be from a limit and still meet it (1.91:1 written as 1910×1000 or 1911×1000). */
    private static final double ASPECT_TOLERANCE = 0.005;

    record Decision(Optional<FittedMedia> fitted, List<FieldError> errors) {
    }

    private ImageFit() {
    }

    /**
     * @param fit     {@code pad}, {@code crop} or null (the target's {@code options.fit})
     * @param story   an Instagram story, which takes any aspect ratio
     */
    static Decision decide(String field, PlatformView platform, MediaView image, String fit, boolean story) {
        String name = platform.name();
        String label = label(image);
        List<FieldError> errors = new ArrayList<>();
        List<FittedMedia.Change> changes = new ArrayList<>();
        boolean convertible = FitSpec.SOURCE_TYPES.contains(image.mimeType())
                              && platform.imageMimeTypes().contains("image/jpeg");
        boolean typeTaken = platform.imageMimeTypes().contains(image.mimeType());
        boolean tooHeavy = platform.maxImageBytes() != null && image.sizeBytes() > platform.maxImageBytes();
        int orientation = image.orientation() == null ? 1 : image.orientation();
        boolean known = image.width() != null && image.height() != null;
        boolean swapped = orientation >= 5;
        int width = known ? (swapped ? image.height() : image.width()) : 0;
        int height = known ? (swapped ? image.width() : image.height()) : 0;

        if (!typeTaken && !convertible) {
            errors.add(new FieldError(field, name + " does not take " + image.mimeType() + " images ("
                                             + String.join(", ", platform.imageMimeTypes()) + " only), and " + label
                                             + " cannot be converted here.", "image_type"));
        } else if (!typeTaken) {
            changes.add(new FittedMedia.Change("converted", "Converted from " + format(image.mimeType()) + " to JPEG: "
                                                            + name + " takes " + String.join(", ",
                                                            platform.imageMimeTypes()) + " only (transparent areas"
                                                            + " become white)."));
        }
        if (tooHeavy) {
            if (convertible) {
                changes.add(new FittedMedia.Change("compressed", "Re-encoded as JPEG to stay within " + name + "'s "
                                                                 + platform.maxImageBytes() + " bytes (the original"
                                                                 + " has " + image.sizeBytes() + ")."));
            } else {
                errors.add(new FieldError(field, name + " takes images up to " + platform.maxImageBytes()
                                                 + " bytes; " + label + " has " + image.sizeBytes() + ".",
                                          "image_size"));
            }
        }
        if (orientation != 1 && convertible) {
            changes.add(new FittedMedia.Change("rotated", "Turned upright as its EXIF orientation (" + orientation
                                                          + ") says: platforms that drop that tag would show it"
                                                          + " turned."));
        }
        Double min = story ? null : platform.minImageAspect();
        Double max = story ? null : platform.maxImageAspect();
        String fitUsed = null;
        if (known && (min != null || max != null)) {
            double ratio = (double) width / height;
            boolean tooWide = max != null && ratio > max + ASPECT_TOLERANCE;
            boolean tooTall = min != null && ratio < min - ASPECT_TOLERANCE;
            if ((tooWide || tooTall) && (fit == null || !FitSpec.SOURCE_TYPES.contains(image.mimeType()))) {
                errors.add(new FieldError(field, name + " takes images from " + ratio(min) + " to " + ratio(max)
                                                 + " (width ÷ height); " + label + " is " + width + "×" + height
                                                 + " (" + ratio(ratio) + "). Crop it, or set options.fit to crop or"
                                                 + " pad.", "image_aspect"));
            } else if (tooWide || tooTall) {
                double target = tooWide ? max : min;
                int fw = width;
                int fh = height;
                if (FitSpec.CROP.equals(fit)) {
                    fw = tooWide ? (int) Math.round(height * target) : width;
                    fh = tooWide ? height : (int) Math.round(width / target);
                } else {
                    fw = tooWide ? width : (int) Math.round(height * target);
                    fh = tooWide ? (int) Math.round(width / target) : height;
                }
                changes.add(new FittedMedia.Change(FitSpec.CROP.equals(fit) ? "cropped" : "padded",
                                                   (FitSpec.CROP.equals(fit) ? "Cropped to its centre" : "Padded"
                                                           + " with white") + " from " + width + "×" + height
                                                   + " (" + ratio(ratio) + ") to " + fw + "×" + fh + " ("
                                                   + ratio(target) + "), as options.fit asks: " + name + " takes "
                                                   + ratio(min) + " to " + ratio(max) + "."));
                width = fw;
                height = fh;
                fitUsed = fit;
            }
        }
        Long maxPixels = platform.maxImagePixels();
        if (known && maxPixels != null && (long) width * height > maxPixels) {
            if (convertible) {
                double factor = Math.sqrt((double) maxPixels / ((long) width * height));
                int sw = (int) Math.floor(width * factor);
                int sh = (int) Math.floor(height * factor);
                changes.add(new FittedMedia.Change("scaled", "Scaled down from " + width + "×" + height + " to " + sw
                                                             + "×" + sh + ": " + name + " takes at most " + maxPixels
                                                             + " pixels."));
                width = sw;
                height = sh;
            } else {
                errors.add(new FieldError(field, name + " takes images of at most " + maxPixels + " pixels; " + label
                                                 + " has " + (long) width * height + ".", "image_pixels"));
            }
        }
        if (!errors.isEmpty() || changes.isEmpty()) {
            return new Decision(Optional.empty(), errors);
        }
        if (known && (long) image.width() * image.height() > FitSpec.MAX_SOURCE_PIXELS) {
            return new Decision(Optional.empty(), List.of(new FieldError(
                    field, label + " has " + (long) image.width() * image.height() + " pixels, more than the "
                           + FitSpec.MAX_SOURCE_PIXELS + " a copy can be made from, and " + name + " needs a copy ("
                           + String.join(", ", changes.stream().map(FittedMedia.Change::change).toList())
                           + "). Upload a smaller picture.", "image_too_large")));
        }
        FitSpec spec = new FitSpec(orientation, fitUsed, min, max, maxPixels, platform.maxImageBytes());
        return new Decision(Optional.of(new FittedMedia(image.id(), "image/jpeg", width, height, List.copyOf(changes),
                                                        spec)), List.of());
    }

    private static String format(String mimeType) {
        return mimeType.substring(mimeType.indexOf('/') + 1).toUpperCase(Locale.ROOT);
    }

    private static String ratio(Double ratio) {
        return ratio == null ? "any" : String.format(Locale.ROOT, "%.2f:1", ratio);
    }

    private static String label(MediaView media) {
        return media.originalFilename() != null ? media.originalFilename() : media.id().toString();
    }
}
