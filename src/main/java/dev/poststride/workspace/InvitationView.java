package dev.poststride.workspace;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An invitation to a workspace. {@code token} is there only in the answer that created it: the invitee accepts
 * with it, and only its hash is kept.
 */
@Schema(example = "{\"id\":\"2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d\","
                  + "\"workspace_id\":\"3f0c9a52-8d1e-4c47-9a55-0c2b7e1d4a10\",\"email\":\"sam@acme.example\","
                  + "\"role\":\"contributor\",\"status\":\"pending\","
                  + "\"invited_by\":\"9b1d2c3e-4f50-4a61-8b72-93c4d5e6f708\",\"created_at\":\"2026-12-02T09:00:00Z\","
                  + "\"expires_at\":\"2026-12-09T09:00:00Z\",\"decided_at\":null,"
                  + "\"token\":\"psi_Jq8lZk3VYw0F2mQh4r6T9uXbNcDe1GaP5sLo7iKv\"}")
public record InvitationView(UUID id, UUID workspaceId, String email, String role, String status, UUID invitedBy,
                             Instant createdAt, Instant expiresAt, Instant decidedAt, String token) {
}
