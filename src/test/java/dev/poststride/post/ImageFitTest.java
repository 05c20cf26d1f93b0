package dev.poststride.post;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststride.media.MediaView;
import dev.poststride.platform.PlatformView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a target does with each image, decided from the platform's rules and the image's facts alone. */
class ImageFitTest {

    static final PlatformView INSTAGRAM = platform("Instagram", List.of("image/jpeg"), 8_388_608L, null, 0.8, 1.91);
    static final PlatformView LINKEDIN = platform("LinkedIn", List.of("image/jpeg", "image/png", "image/gif"), null,
                                                  36_152_319L, null, null);

    @Test
    void anImageThatMeetsEveryRuleGoesAsUploaded() {
        ImageFit.Decision decision = ImageFit.decide("m", INSTAGRAM, image("image/jpeg", 1000, 1000, 1), null, false);
        assertThat(decision.errors()).isEmpty();
        assertThat(decision.fitted()).isEmpty();
    }

    @Test
    void aFormatNoCopyCanBeMadeFromStaysRefused() {
        ImageFit.Decision decision = ImageFit.decide("m", INSTAGRAM, image("image/heic", 1000, 1000, 1), null, false);
        assertThat(decision.errors()).singleElement().satisfies(e -> {
            assertThat(e.rule()).isEqualTo("image_type");
            assertThat(e.message()).isEqualTo("Instagram does not take image/heic images (image/jpeg only), and"
                                              + " p.img cannot be converted here.");
        });
    }

    @Test
    void tooManyPixelsForLinkedInAreScaledDownToItsLimit() {
        FittedMedia fitted = ImageFit.decide("m", LINKEDIN, image("image/png", 8000, 6000, 1), null, false).fitted()
                .orElseThrow();
        assertThat(fitted.changes()).extracting(FittedMedia.Change::change).containsExactly("scaled");
        assertThat((long) fitted.width() * fitted.height()).isLessThanOrEqualTo(36_152_319L);
        assertThat(fitted.width()).isEqualTo(6942);
        assertThat(fitted.spec().maxPixels()).isEqualTo(36_152_319L);
    }

    @Test
    void aSidewaysPhotoIsJudgedAsItShowsAndTurnedUpright() {
        // Stored 1000×2000 (0.5:1, too tall) but shown 2000×1000 (2:1, too wide) once turned.
        ImageFit.Decision refused = ImageFit.decide("m", INSTAGRAM, image("image/jpeg", 1000, 2000, 6), null, false);
        assertThat(refused.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("2000×1000"));
        FittedMedia fitted = ImageFit.decide("m", INSTAGRAM, image("image/jpeg", 1000, 2000, 6), "crop", false)
                .fitted().orElseThrow();
        assertThat(fitted.changes()).extracting(FittedMedia.Change::change).containsExactly("rotated", "cropped");
        assertThat(fitted.width()).isEqualTo(1910);
        assertThat(fitted.height()).isEqualTo(1000);
    }

    @Test
    void aRatioAtTheLimitAsPeopleWriteItIsTakenAndAStoryTakesAnyRatio() {
        assertThat(ImageFit.decide("m", INSTAGRAM, image("image/jpeg", 1911, 1000, 1), null, false).errors()).isEmpty();
        assertThat(ImageFit.decide("m", INSTAGRAM, image("image/jpeg", 799, 1000, 1), null, false).errors()).isEmpty();
        assertThat(ImageFit.decide("m", INSTAGRAM, image("image/jpeg", 3000, 1000, 1), null, true).errors()).isEmpty();
    }

    @Test
    void aPictureTooLargeToDecodeIsRefusedWhenACopyIsNeeded() {
        ImageFit.Decision decision = ImageFit.decide("m", INSTAGRAM, image("image/png", 10_000, 10_000, 1), null,
                                                     false);
        assertThat(decision.errors()).singleElement().satisfies(e -> assertThat(e.rule()).isEqualTo("image_too_large"));
        assertThat(ImageFit.decide("m", LINKEDIN, image("image/jpeg", 5_000, 5_000, 1), null, false).errors())
                .isEmpty();
    }

    @Test
    void twoTargetsNeedingTheSameCopyShareItsRecipe() {
        MediaView png = image("image/png", 1000, 1000, 1);
        assertThat(ImageFit.decide("a", INSTAGRAM, png, null, false).fitted().orElseThrow().spec().key())
                .isEqualTo(ImageFit.decide("b", INSTAGRAM, png, null, false).fitted().orElseThrow().spec().key());
    }

    private static MediaView image(String mimeType, int width, int height, int orientation) {
        return new MediaView(UUID.randomUUID(), "image", mimeType, 100_000, "0".repeat(64), "p.img", null, width,
                             height, null, null, null, orientation == 1 ? null : orientation, Instant.EPOCH);
    }

    private static PlatformView platform(String name, List<String> types, Long maxBytes, Long maxPixels,
                                         Double minAspect, Double maxAspect) {
        return new PlatformView(UUID.randomUUID(), name.toLowerCase(java.util.Locale.ROOT), name, 2200, "characters",
                                false, 10, true, false, true, types, maxBytes, null, null, null, maxPixels, minAspect,
                                maxAspect, true, Map.of(), List.of(), List.of());
    }
}
