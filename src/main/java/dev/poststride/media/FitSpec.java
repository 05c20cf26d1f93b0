package dev.poststride.media;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Locale;
import java.util.Set;

/**
 * The recipe of a derived copy that fits a target, applied in this order: turn the picture upright as its EXIF
 * {@code orientation} says; bring its width ÷ height into [{@code minAspect}, {@code maxAspect}] by {@code fit}
 * ({@code crop}: cut the centre out; {@code pad}: add white bars; null: the range is already met); scale it down to at
 * most {@code maxPixels}; encode it as a baseline JPEG of at most {@code maxBytes} (lowering the quality, then the
 * size, until it fits). Null limits do not apply. Two targets needing the same recipe share one copy ({@link #key()}).
 */
@RegisterForReflection
public record FitSpec(int orientation, String fit, Double minAspect, Double maxAspect, Long maxPixels,
                      Long maxBytes) {

    /** The formats a copy can be made from (JDK ImageIO, and TwelveMonkeys for WebP). */
    public static final Set<String> SOURCE_TYPES = Set.of("image/jpeg", "image/png", "image/bmp", "image/tiff",
                                                          "image/webp");

    /** The largest picture decoded (4 bytes a pixel in memory: about 320 MB); larger ones are refused when saved. */
    public static final long MAX_SOURCE_PIXELS = 80_000_000L;

    public static final String CROP = "crop";
    public static final String PAD = "pad";

    /** The recipe as one string: what makes two copies the same. */
    public String key() {
        return String.format(Locale.ROOT, "jpeg;o=%d;fit=%s;aspect=%s-%s;px=%s;bytes=%s", orientation, fit,
                             minAspect, maxAspect, maxPixels, maxBytes);
    }
}
