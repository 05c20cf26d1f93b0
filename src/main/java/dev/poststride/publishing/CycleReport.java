package dev.poststride.publishing;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What one on-demand publish run did: targets it claimed, how many of them were published, failed for good, or will
 * be tried again (rate limited, transient failure, handed to recovery), and how many due targets it left waiting.
 * Registered for reflection: answered by the internal jobs trigger, whose method returns Object.
 */
@RegisterForReflection
public record CycleReport(int claimed, int published, int failed, int retrying, long remainingDue) {
}
