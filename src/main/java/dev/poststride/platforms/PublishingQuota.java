package dev.poststride.platforms;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An account's publishing quota as the platform reports it now: posts published through the API in the rolling
 * window, of how many (Instagram's {@code content_publishing_limit}, platform-apis.md 4.4).
 */
@RegisterForReflection
public record PublishingQuota(int used, int total, long windowSeconds) {

    public boolean spent() {
        return used >= total;
    }
}
