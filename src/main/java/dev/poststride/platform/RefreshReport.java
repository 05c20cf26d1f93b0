package dev.poststride.platform;

/** What one run of the token refresh job did. */
public record RefreshReport(int refreshed, int retryLater, int needsReauth, int lapsed, int expiredStatesRemoved) {
}
