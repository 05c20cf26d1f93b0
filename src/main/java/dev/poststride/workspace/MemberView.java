package dev.poststride.workspace;

import java.time.Instant;
import java.util.UUID;

/** A member of a workspace. */
public record MemberView(UUID userId, String email, String username, String role, Instant joinedAt) {
}
