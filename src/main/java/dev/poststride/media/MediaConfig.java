package dev.poststride.media;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "poststride.media")
public interface MediaConfig {

    /** Where media bytes live: {@code local} (a directory) or {@code s3} (an S3-compatible bucket). */
    @WithDefault("local")
    StorageKind storage();

    enum StorageKind { LOCAL, S3 }

    /** Directory of the local media store. */
    @WithDefault("data/media")
    String storageDir();

    S3 s3();

    /** The bucket store; the client's endpoint, region and credentials are the {@code quarkus.s3.*} settings. */
    interface S3 {
        /** The bucket ({@code POSTSTRIDE_MEDIA_S3_BUCKET}); required with {@code storage=s3}. */
        Optional<String> bucket();

        /**
         * Uploads are sent in parts of this size (S3's minimum is 5 MiB); one part is buffered per upload in
         * progress, so this times the concurrent uploads is their memory.
         */
        @WithDefault("8M")
        MemorySize partSize();
    }

    /**
     * The public base URL of a CDN or proxy that serves stored objects by key, on a domain verified with TikTok
     * (which pulls only from verified domains and follows no redirect). Unset: TikTok pulls this service's signed
     * URLs.
     */
    Optional<String> pullBaseUrl();

    /** Largest upload per kind, in bytes. The HTTP body limit ({@code quarkus.http.limits.max-body-size}) caps all. */
    @WithDefault("20971520")
    long maxImageBytes();

    @WithDefault("15728640")
    long maxGifBytes();

    @WithDefault("536870912")
    long maxVideoBytes();

    @WithDefault("52428800")
    long maxAudioBytes();

    @WithDefault("104857600")
    long maxDocumentBytes();

    /**
     * HMAC key of the signed pull URLs that Instagram and TikTok fetch media from ({@code POSTSTRIDE_MEDIA_SIGNING_KEY},
     * base64 of at least 32 bytes). Required in prod.
     */
    Optional<String> signingKey();

    /**
     * How many bytes of media one workspace may keep; an upload past it is 413
     * saying how much is left. Concurrent uploads may pass it by at most one upload each.
     */
    @WithDefault("10737418240")
    long quotaBytes();

    /** How long a signed pull URL works. */
    @WithDefault("1h")
    Duration signedUrlTtl();

    /** The public base URL the signed URLs start with. */
    String publicBaseUrl();

    default long maxBytes(MediaType type) {
        return switch (type) {
            case IMAGE -> maxImageBytes();
            case GIF -> maxGifBytes();
            case VIDEO -> maxVideoBytes();
            case AUDIO -> maxAudioBytes();
            case DOCUMENT -> maxDocumentBytes();
        };
    }
}
