package dev.poststride.platform;

import java.util.UUID;

/**
 * Fired inside the transaction that revokes a connection, with its row locked: observers cancel what was waiting to
 * go out through it, or throw (a {@code Problems.Conflict}) to refuse the disconnect.
 */
public record ConnectionRemoved(UUID workspaceId, UUID connectionId) {
}
