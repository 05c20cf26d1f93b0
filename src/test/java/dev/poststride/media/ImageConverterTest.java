package dev.poststride.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststride.support.TestFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The copies themselves, without the service: every step of a {@link FitSpec} on real image bytes. */
class ImageConverterTest {

    @Test
    void aCopyOverItsByteLimitLosesQualityThenSizeUntilItFits() throws Exception {
        byte[] noise = TestFiles.png(400, 300); // random pixels: no JPEG quality alone gets them small
        ImageConverter.Converted converted = ImageConverter.convert(noise, "image/png",
                                                                    new FitSpec(1, null, null, null, null, 40_000L));
        assertThat(converted.jpeg().length).isLessThanOrEqualTo(40_000);
        assertThat(converted.width()).isLessThan(400);
        assertThat((double) converted.width() / converted.height()).isCloseTo(4.0 / 3, org.assertj.core.data.Offset
                .offset(0.02));
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(converted.jpeg()));
        assertThat(decoded.getWidth()).isEqualTo(converted.width());
    }

    @Test
    void aPictureOverThePixelLimitIsScaledDownKeepingItsShape() throws Exception {
        ImageConverter.Converted converted = ImageConverter.convert(TestFiles.jpeg(300, 200), "image/jpeg",
                                                                    new FitSpec(1, null, null, null, 15_000L, null));
        assertThat((long) converted.width() * converted.height()).isLessThanOrEqualTo(15_000);
        assertThat(converted.width()).isEqualTo(150);
        assertThat(converted.height()).isEqualTo(100);
    }

    @Test
    void everyExifOrientationEndsUpright() throws Exception {
        // Stored: left half red, right half blue. Where red ends once upright, per EXIF's definitions.
        String[] redAt = {"left", "right", "right", "left", "top", "top", "bottom", "bottom"};
        for (int orientation = 1; orientation <= 8; orientation++) {
            FitSpec upright = new FitSpec(orientation, null, null, null, null, null);
            ImageConverter.Converted converted = ImageConverter.convert(TestFiles.sidewaysJpeg(80, 40, orientation),
                                                                        "image/jpeg", upright);
            BufferedImage shown = ImageIO.read(new ByteArrayInputStream(converted.jpeg()));
            boolean swapped = orientation >= 5;
            assertThat(shown.getWidth()).as("orientation %d", orientation).isEqualTo(swapped ? 40 : 80);
            int w = shown.getWidth();
            int h = shown.getHeight();
            int probe = switch (redAt[orientation - 1]) {
                case "left" -> shown.getRGB(w / 4, h / 2);
                case "right" -> shown.getRGB(3 * w / 4, h / 2);
                case "top" -> shown.getRGB(w / 2, h / 4);
                default -> shown.getRGB(w / 2, 3 * h / 4);
            };
            assertThat((probe >> 16) & 0xFF).as("red where orientation %d puts it", orientation).isGreaterThan(200);
        }
    }

    @Test
    void cropKeepsTheCentreAndPadAddsWhite() throws Exception {
        byte[] wide = TestFiles.jpeg(300, 100);
        ImageConverter.Converted cropped = ImageConverter.convert(wide, "image/jpeg",
                                                                  new FitSpec(1, "crop", 0.8, 1.91, null, null));
        assertThat(cropped.width()).isEqualTo(191);
        assertThat(cropped.height()).isEqualTo(100);
        ImageConverter.Converted tall = ImageConverter.convert(TestFiles.jpeg(100, 300), "image/jpeg",
                                                               new FitSpec(1, "pad", 0.8, 1.91, null, null));
        assertThat(tall.width()).isEqualTo(240);
        assertThat(tall.height()).isEqualTo(300);
        BufferedImage padded = ImageIO.read(new ByteArrayInputStream(tall.jpeg()));
        assertThat(padded.getRGB(2, 150) & 0xFFFFFF).isGreaterThan(0xF0F0F0);
    }

    @Test
    void aWebpIsReadByTheWebpReaderItself() throws Exception {
        ImageConverter.Converted converted = ImageConverter.convert(TestFiles.webp(), "image/webp",
                                                                    new FitSpec(1, null, null, null, null, null));
        assertThat(converted.width()).isEqualTo(1);
        assertThat(ImageIO.read(new ByteArrayInputStream(converted.jpeg())).getHeight()).isEqualTo(1);
    }

    @Test
    void bytesThatDoNotDecodeAreUnfittable() {
        assertThatThrownBy(() -> ImageConverter.convert(TestFiles.brokenPng(), "image/png",
                                                        new FitSpec(1, null, null, null, null, null)))
                .isInstanceOf(ImageConverter.Unfittable.class).hasMessageContaining("cannot be decoded");
    }
}
