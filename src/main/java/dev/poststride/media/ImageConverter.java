package dev.poststride.media;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Makes the copy a {@link FitSpec} describes, with the JDK's ImageIO and Java2D (AWT; in the native binary through
 * {@code quarkus-awt}) and TwelveMonkeys' WebP reader (called directly, not through the ImageIO registry): decode,
 * turn upright, crop or pad, scale down, flatten onto white (JPEG has no transparency), encode as JPEG. The whole
 * picture is held in memory (4 bytes a pixel), which is why the checks refuse pictures above
 * {@link FitSpec#MAX_SOURCE_PIXELS} and {@link MediaRenditions} makes one copy at a time.
 */
final class ImageConverter {

    private static final float[] QUALITIES = {0.9f, 0.8f, 0.7f, 0.6f};
    private static final int MAX_SHRINKS = 8;

    /** The picture cannot be made into the copy: not decodable, or no JPEG fits the byte limit. */
    static final class Unfittable extends Exception {
        Unfittable(String message) {
            super(message);
        }
    }

    record Converted(byte[] jpeg, int width, int height) {
    }

    private ImageConverter() {
    }

    /**
     * The copy of {@code original} (the whole file, already read: a failure here is the picture's, never the
     * store's), a file of {@code mimeType} as the upload's bytes said.
     */
    static Converted convert(byte[] original, String mimeType, FitSpec spec) throws Unfittable {
        BufferedImage decoded;
        try {
            decoded = "image/webp".equals(mimeType) ? webp(original) : ImageIO.read(new ByteArrayInputStream(original));
        } catch (IOException | RuntimeException e) {
            throw new Unfittable("its bytes cannot be decoded as an image (" + e.getMessage() + ")");
        }
        if (decoded == null) {
            throw new Unfittable("its bytes cannot be decoded as an image");
        }
        BufferedImage picture = aspect(upright(decoded, spec.orientation()), spec);
        picture = scaleToPixels(picture, spec.maxPixels());
        for (int shrink = 0; shrink <= MAX_SHRINKS; shrink++) {
            for (float quality : QUALITIES) {
                byte[] jpeg = jpeg(picture, quality);
                if (spec.maxBytes() == null || jpeg.length <= spec.maxBytes()) {
                    return new Converted(jpeg, picture.getWidth(), picture.getHeight());
                }
            }
            picture = scale(picture, (int) (picture.getWidth() * 0.8), (int) (picture.getHeight() * 0.8));
        }
        throw new Unfittable("no JPEG of it fits in " + spec.maxBytes() + " bytes");
    }

    /**
     * TwelveMonkeys' WebP reader, made here and used directly: the native binary's ImageIO registry does not list it,
     * and this class is initialized while the image is built, so the reader must not be kept in a static field (the
     * build refuses an instance of a run-time class in the image heap). TwelveMonkeys' own classes are initialized
     * when the binary runs ({@code quarkus.native.additional-build-args} in application.properties).
     */
    private static BufferedImage webp(byte[] original) throws IOException {
        ImageReader reader = new WebPImageReaderSpi().createReaderInstance(null);
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(original))) {
            reader.setInput(in);
            return reader.read(0);
        } finally {
            reader.dispose();
        }
    }

    /** The picture as it is meant to be seen (EXIF orientation 2-8 applied), on an opaque white RGB canvas. */
    private static BufferedImage upright(BufferedImage source, int orientation) {
        int w = source.getWidth();
        int h = source.getHeight();
        AffineTransform turn = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0); // mirrored left-right
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h); // upside down
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h); // mirrored top-bottom
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0); // transposed
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0); // turned a quarter clockwise to show
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w); // transversed
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, w); // turned a quarter anticlockwise to show
            default -> new AffineTransform();
        };
        boolean swapped = orientation >= 5 && orientation <= 8;
        BufferedImage canvas = canvas(swapped ? h : w, swapped ? w : h);
        Graphics2D g = canvas.createGraphics();
        try {
            g.drawImage(source, turn, null);
        } finally {
            g.dispose();
        }
        return canvas;
    }

    /** Brings width ÷ height into the spec's range by cutting the centre out or by adding white bars. */
    private static BufferedImage aspect(BufferedImage picture, FitSpec spec) {
        if (spec.fit() == null) {
            return picture;
        }
        int w = picture.getWidth();
        int h = picture.getHeight();
        double ratio = (double) w / h;
        double target = spec.maxAspect() != null && ratio > spec.maxAspect() ? spec.maxAspect()
                : spec.minAspect() != null && ratio < spec.minAspect() ? spec.minAspect() : ratio;
        if (target == ratio) {
            return picture;
        }
        boolean tooWide = ratio > target;
        if (FitSpec.CROP.equals(spec.fit())) {
            int cw = tooWide ? (int) Math.round(h * target) : w;
            int ch = tooWide ? h : (int) Math.round(w / target);
            return picture.getSubimage((w - cw) / 2, (h - ch) / 2, cw, ch);
        }
        int pw = tooWide ? w : (int) Math.round(h * target);
        int ph = tooWide ? (int) Math.round(w / target) : h;
        BufferedImage padded = canvas(pw, ph);
        Graphics2D g = padded.createGraphics();
        try {
            g.drawImage(picture, (pw - w) / 2, (ph - h) / 2, null);
        } finally {
            g.dispose();
        }
        return padded;
    }

    private static BufferedImage scaleToPixels(BufferedImage picture, Long maxPixels) {
        long pixels = (long) picture.getWidth() * picture.getHeight();
        if (maxPixels == null || pixels <= maxPixels) {
            return picture;
        }
        double factor = Math.sqrt((double) maxPixels / pixels);
        return scale(picture, (int) Math.floor(picture.getWidth() * factor),
                     (int) Math.floor(picture.getHeight() * factor));
    }

    private static BufferedImage scale(BufferedImage picture, int width, int height) {
        BufferedImage scaled = canvas(Math.max(1, width), Math.max(1, height));
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(picture, 0, 0, scaled.getWidth(), scaled.getHeight(), null);
        } finally {
            g.dispose();
        }
        return scaled;
    }

    private static BufferedImage canvas(int width, int height) {
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
        } finally {
            g.dispose();
        }
        return canvas;
    }

    private static byte[] jpeg(BufferedImage picture, float quality) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IllegalStateException("This runtime has no JPEG writer");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(picture, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing a JPEG in memory failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
