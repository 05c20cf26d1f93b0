package dev.poststride.common;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The problems domain code throws, one per status of the contract. */
public final class Problems {

    private static final String TYPE_BASE = "https://poststride.dev/problems/";

    private Problems() {
    }

    public static String typeUri(String slug) {
        return TYPE_BASE + slug;
    }

    /** 404: the object does not exist or belongs to someone else (the two are never told apart). */
    public static final class NotFound extends ProblemException {
        public NotFound(String what) {
            super(404, typeUri("not-found"), "Not found", what + " was not found.", List.of());
        }
    }

    /** 409: the request conflicts with the current state. */
    public static final class Conflict extends ProblemException {
        public Conflict(String detail) {
            super(409, typeUri("conflict"), "Conflict", detail, List.of());
        }

        public Conflict(String detail, List<Problem.FieldError> errors) {
            super(409, typeUri("conflict"), "Conflict", detail, errors);
        }
    }

    /** 422: the request is well-formed but breaks a rule; every broken rule is listed. */
    public static final class Invalid extends ProblemException {
        public Invalid(List<Problem.FieldError> errors) {
            super(422, typeUri("validation"), "Validation failed",
                  "The request has " + errors.size() + " invalid field(s).", errors);
        }

        public Invalid(String field, String message) {
            this(List.of(new Problem.FieldError(field, message)));
        }
    }

    /** 400: the request cannot be understood (for instance an unknown or reused OAuth state). */
    public static final class BadRequest extends ProblemException {
        public BadRequest(String detail) {
            super(400, typeUri("bad-request"), "Bad request", detail, List.of());
        }
    }

    /** 400: the body cannot be read as what the call takes (malformed JSON, a broken multipart body). */
    public static final class MalformedBody extends ProblemException {
        public MalformedBody(String detail) {
            this(detail, List.of());
        }

        public MalformedBody(String detail, List<Problem.FieldError> errors) {
            super(400, typeUri("malformed-body"), "Malformed request body", detail, errors);
        }
    }

    /**
     * 400 from a third party: a social platform refused the request on the user's behalf (consent denied, code
     * rejected); the detail names the platform's own error code.
     */
    public static final class PlatformRefused extends ProblemException {
        public PlatformRefused(String detail) {
            super(400, typeUri("platform-refused"), "The platform refused", detail, List.of());
        }
    }

    /** 502: a social platform did not answer usefully (timeout, 5xx); trying again later may work. */
    public static final class PlatformUnavailable extends ProblemException {
        public PlatformUnavailable(String detail) {
            super(502, typeUri("platform-unavailable"), "Platform unavailable", detail, List.of());
        }
    }

    /** 413: the upload is larger than allowed for its kind, or than the room left. */
    public static final class TooLarge extends ProblemException {
        private final boolean bodyLeftUnread;

        public TooLarge(String detail) {
            this(detail, false);
        }

        /**
         * @param bodyLeftUnread the refusal came while the body was still arriving: the connection is closed after
         *                       the answer rather than the rest of the body read for nothing
         */
        public TooLarge(String detail, boolean bodyLeftUnread) {
            super(413, typeUri("too-large"), "Too large", detail, List.of());
            this.bodyLeftUnread = bodyLeftUnread;
        }

        @Override
        public Map<String, String> headers() {
            return bodyLeftUnread ? Map.of("Connection", "close") : Map.of();
        }
    }

    /** 415: the content is of a kind this call does not take. */
    public static final class UnsupportedMediaType extends ProblemException {
        public UnsupportedMediaType(String detail) {
            super(415, typeUri("unsupported-media-type"), "Unsupported media type", detail, List.of());
        }
    }

    /** 401: no valid credentials. */
    public static final class Unauthorized extends ProblemException {
        public Unauthorized(String detail) {
            super(401, typeUri("unauthorized"), "Unauthorized", detail, List.of());
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("WWW-Authenticate", "Bearer");
        }
    }

    /** 403: the caller is known but may not do this. */
    public static final class Forbidden extends ProblemException {
        public Forbidden(String detail) {
            super(403, typeUri("forbidden"), "Forbidden", detail, List.of());
        }
    }

    /** 429: too many attempts; the client may try again after {@code retryAfter}. */
    public static final class TooManyRequests extends ProblemException {
        private final Duration retryAfter;

        public TooManyRequests(String detail, Duration retryAfter) {
            super(429, typeUri("too-many-requests"), "Too many requests", detail, List.of());
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }

        @Override
        public Map<String, String> headers() {
            long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
            return Map.of("Retry-After", Long.toString(seconds));
        }
    }
}
