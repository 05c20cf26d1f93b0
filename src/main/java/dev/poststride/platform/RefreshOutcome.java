package dev.poststride.platform;

/** What asking for a token refresh of one connection led to. */
public enum RefreshOutcome {
    /** New tokens are stored. */
    REFRESHED,
    /** The tokens were renewed moments ago (within {@code min-spacing}); no new refresh was made. */
    RECENTLY_REFRESHED,
    /**
     * The tokens are younger than the platform renews ({@code PlatformOAuth#minimumTokenAge}: Instagram Login, a
     * day); no refresh was made, so nothing is known of the grant.
     */
    TOO_YOUNG,
    /** Another caller (maybe another instance) is refreshing this connection right now. */
    IN_PROGRESS_ELSEWHERE,
    /** The connection is gone or no longer active. */
    NOT_ACTIVE,
    /** The platform offers no way to renew this connection's tokens without the user. */
    NOT_REFRESHABLE,
    /** The platform refused the grant: the user must connect again. */
    NEEDS_REAUTH,
    /** The platform did not answer usefully; the job tries again after a backoff. */
    RETRY_LATER
}
