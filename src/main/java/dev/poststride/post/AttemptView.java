package dev.poststride.post;

import java.time.Instant;

/** One publishing attempt of a target. */
public record AttemptView(int attempt, Instant startedAt, Instant finishedAt, String outcome, String errorCode,
                          String message, Long durationMs) {
}
