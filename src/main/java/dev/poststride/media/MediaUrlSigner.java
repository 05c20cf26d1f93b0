package dev.poststride.media;

import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs pull URLs for media: HMAC-SHA256 over the media id and the expiry, so Instagram and TikTok can fetch a file
 * without a Bearer token, only that file and only until the URL expires.
 */
@Startup
@Singleton
class MediaUrlSigner {

    private static final String RENDITION = "rendition:";

    private final SecretKeySpec key;

    MediaUrlSigner(MediaConfig config) {
        String configured = config.signingKey().filter(k -> !k.isBlank()).orElseThrow(() -> new IllegalStateException(
                "Post Stride needs a media URL signing key: set POSTSTRIDE_MEDIA_SIGNING_KEY to the base64 of 32"
                + " random bytes (openssl rand -base64 32)."));
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(configured.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("POSTSTRIDE_MEDIA_SIGNING_KEY is not valid base64.");
        }
        if (raw.length < 32) {
            throw new IllegalStateException("POSTSTRIDE_MEDIA_SIGNING_KEY must be at least 32 bytes, not " + raw.length
                                            + ".");
        }
        this.key = new SecretKeySpec(raw, "HmacSHA256");
    }

    String sign(UUID mediaId, Instant expires) {
        return sign(mediaId.toString(), expires.getEpochSecond());
    }

    /** A derived copy's signature: a subject of its own, so it never opens the original's URL, nor the reverse. */
    String signRendition(UUID renditionId, Instant expires) {
        return sign(RENDITION + renditionId, expires.getEpochSecond());
    }

    /** Signs the epoch second as the URL carries it: any long, even one no {@link Instant} can hold. */
    private String sign(String subject, long expiresEpochSecond) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] signature = mac.doFinal((subject + "." + expiresEpochSecond).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** Whether {@code signature} is this server's for the media id and expiry (compared in constant time). */
    boolean verify(UUID mediaId, long expiresEpochSecond, String signature) {
        return matches(mediaId.toString(), expiresEpochSecond, signature);
    }

    boolean verifyRendition(UUID renditionId, long expiresEpochSecond, String signature) {
        return matches(RENDITION + renditionId, expiresEpochSecond, signature);
    }

    private boolean matches(String subject, long expiresEpochSecond, String signature) {
        if (signature == null) {
            return false;
        }
        byte[] expected = sign(subject, expiresEpochSecond).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }
}
