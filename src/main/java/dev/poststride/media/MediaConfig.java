package dev.poststride.media;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "poststride.media")
public interface MediaConfig {

    /** Directory of the local media store. */
    @WithDefault("data/media")
    String storageDir();

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
     * How many bytes of media one owner (the user; a workspace once teams land) may keep; an upload past it is 413
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
