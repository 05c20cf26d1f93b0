package dev.poststride.media;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The media store that {@code poststride.media.storage} names. The S3 client is created only when the bucket store
 * is chosen (and then on first use), so a local-directory deployment pays nothing for it at start-up.
 */
@ApplicationScoped
class MediaStorageProducer {

    /** S3 requires every part but the last to be at least this large. */
    private static final long MIN_PART_SIZE = 5L * 1024 * 1024;

    private final MediaConfig config;

    MediaStorageProducer(MediaConfig config) {
        this.config = config;
    }

    @Produces
    @ApplicationScoped
    MediaStorage storage(Instance<S3Client> s3, Instance<S3Presigner> presigner) {
        return switch (config.storage()) {
            case LOCAL -> new LocalDirectoryStorage(config.storageDir());
            case S3 -> new S3Storage(s3.get(), presigner.get(), bucket(), (int) config.s3().partSize().asLongValue());
        };
    }

    /** A bucket store without a bucket, or with parts S3 would refuse, fails start-up with the setting to fix. */
    void checkAtStartup(@Observes StartupEvent start) {
        if (config.storage() != MediaConfig.StorageKind.S3) {
            return;
        }
        bucket();
        long partSize = config.s3().partSize().asLongValue();
        if (partSize < MIN_PART_SIZE || partSize > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("POSTSTRIDE_MEDIA_S3_PART_SIZE must be between 5M and 2G (S3's part"
                                            + " limits); it is " + partSize + " bytes.");
        }
    }

    private String bucket() {
        return config.s3().bucket().filter(b -> !b.isBlank()).orElseThrow(() -> new IllegalStateException(
                "POSTSTRIDE_MEDIA_STORAGE=s3 needs a bucket: set POSTSTRIDE_MEDIA_S3_BUCKET (and the bucket's"
                + " QUARKUS_S3_AWS_REGION, plus QUARKUS_S3_ENDPOINT_OVERRIDE for MinIO, R2 or GCS)."));
    }
}
