package dev.poststride.platforms;

/**
 * A platform's OAuth endpoint did not give what was asked. The message is safe to log and to show: it holds the
 * platform's error code and status, never a token, secret or URL with credentials.
 */
public final class OAuthFailure extends RuntimeException {

    public enum Kind {
        /** The user said no on the consent screen. */
        DENIED,
        /** The code, token or grant was refused (invalid_grant, revoked, expired): only the user can fix it. */
        REJECTED_GRANT,
        /** The platform refused this server's app (invalid_client, bad secret): an operator must fix it. */
        REJECTED_APP,
        /** Timeout, connection failure, 5xx or 429: trying again later may work. */
        TRANSIENT
    }

    private final Kind kind;
    private final String platformError;

    public OAuthFailure(Kind kind, String platformError, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.platformError = platformError;
    }

    public Kind kind() {
        return kind;
    }

    /** The platform's error code (e.g. {@code invalid_grant}, {@code 190}), or a short word of ours. */
    public String platformError() {
        return platformError;
    }
}
