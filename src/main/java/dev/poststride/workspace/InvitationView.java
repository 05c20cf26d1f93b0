package dev.poststride.workspace;

import java.time.Instant;
import java.util.UUID;

/**
 * An invitation to a workspace. {@code token} is there only in the answer that created it: the invitee accepts
 * with it, and only its hash is kept.
 */
public record InvitationView(UUID id, UUID workspaceId, String email, String role, String status, UUID invitedBy,
                             Instant createdAt, Instant expiresAt, Instant decidedAt, String token) {
}
