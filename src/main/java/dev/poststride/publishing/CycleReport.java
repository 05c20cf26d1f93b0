package dev.poststride.publishing;

/** What one publish cycle did. */
public record CycleReport(int claimed, int published, int failed) {
}
