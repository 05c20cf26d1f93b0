package dev.poststride.workspace;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An API key of a workspace: its name, visible prefix and scopes. {@code key} is there only in the answer that
 * created it; only its hash is kept, so it cannot be shown again.
 */
public record ApiKeyView(UUID id, String name, String prefix, List<String> scopes, UUID createdBy, Instant createdAt,
                         Instant expiresAt, Instant lastUsedAt, Instant revokedAt, String key) {
}
