package dev.poststride.publishing;

/**
 * What one on-demand publish run did: targets it claimed, how many of them were published, failed for good, or will
 * be tried again (rate limited, transient failure, handed to recovery), and how many due targets it left waiting.
 */
public record CycleReport(int claimed, int published, int failed, int retrying, long remainingDue) {
}
