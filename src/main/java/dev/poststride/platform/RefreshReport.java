package dev.poststride.platform;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What one run of the token refresh job did. Registered for reflection: answered by the internal jobs trigger, whose method returns Object. */
@RegisterForReflection
public record RefreshReport(int refreshed, int retryLater, int needsReauth, int lapsed, int expiredStatesRemoved) {
}
