package dev.poststride.platforms;

import java.time.Instant;

/** What one publish attempt on a platform came to; every adapter answers one of these, never a string. */
public sealed interface Outcome {

    /** The post is live: the platform's id and a link a person can open. */
    record Published(String platformPostId, String permalink) implements Outcome {
    }

    /** The platform asked to wait; do not call it for this account before {@code until}. */
    record RateLimited(Instant until, String detail) implements Outcome {
    }

    /**
     * The platform refused the access token (expired, revoked, or a passing fault): the engine decides what it means
     * ({@link dev.poststride.platform.TokenRefusals}); an adapter never concludes the grant is gone from this alone.
     */
    record TokenRefused(String detail) implements Outcome {
    }

    /**
     * The grant is gone or lacks what posting needs, on a definitive signal (the token endpoint refused the grant, an
     * identity call confirmed a dead token, a permission is missing): the user must reconnect.
     */
    record AuthRevoked(String detail) implements Outcome {
    }

    /** The platform will never take this text (duplicate, policy, too long): a person must change it. */
    record ContentRejected(String code, String reason) implements Outcome {
    }

    /** The platform will never take this media (format, size, aspect): a person must change it. */
    record MediaRejected(String code, String reason) implements Outcome {
    }

    /** A failure that may pass (5xx, connection refused before sending): try again later. */
    record Transient(String code, String reason) implements Outcome {
    }

    /**
     * The create call may or may not have reached the platform (timeout after sending, connection reset): the post
     * must be looked for before anything is sent again.
     */
    record OutcomeUnknown(String reason) implements Outcome {
    }

    /** The name stored with an attempt. */
    default String label() {
        return switch (this) {
            case Published p -> "published";
            case RateLimited r -> "rate_limited";
            case TokenRefused t -> "token_refused";
            case AuthRevoked a -> "auth_revoked";
            case ContentRejected c -> "content_rejected";
            case MediaRejected m -> "media_rejected";
            case Transient t -> "transient";
            case OutcomeUnknown u -> "outcome_unknown";
        };
    }
}
