package dev.poststride.workspace;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An API key of a workspace: its name, visible prefix and scopes. {@code key} is there only in the answer that
 * created it; only its hash is kept, so it cannot be shown again.
 */
@Schema(example = "{\"id\":\"7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f\",\"name\":\"Zapier\","
                  + "\"prefix\":\"psk_live_x7Qm2LpA\",\"scopes\":[\"posts:read\",\"posts:write\",\"media:write\"],"
                  + "\"created_by\":\"9b1d2c3e-4f50-4a61-8b72-93c4d5e6f708\",\"created_at\":\"2026-12-02T11:00:00Z\","
                  + "\"expires_at\":\"2027-06-30T00:00:00Z\",\"last_used_at\":\"2026-12-05T16:42:00Z\","
                  + "\"revoked_at\":null,\"key\":null}")
public record ApiKeyView(UUID id, String name, String prefix, List<String> scopes, UUID createdBy, Instant createdAt,
                         Instant expiresAt, Instant lastUsedAt, Instant revokedAt, String key) {
}
