package dev.poststride.workspace;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A member of a workspace. */
@Schema(example = "{\"user_id\":\"5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9\",\"email\":\"sam@acme.example\","
                  + "\"username\":\"sam\",\"role\":\"contributor\",\"joined_at\":\"2026-12-02T10:00:00Z\"}")
public record MemberView(UUID userId, String email, String username, String role, Instant joinedAt) {
}
