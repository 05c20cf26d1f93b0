package dev.poststride.media;

import java.util.Set;
import java.util.UUID;

/**
 * Fired inside the transaction that deletes media items, with their rows locked: observers let go of them (posts
 * detach them), or throw a {@code Problems.Conflict} to refuse the delete, which they may not do while the
 * workspace itself closes.
 */
public record MediaRemoved(UUID workspaceId, Set<UUID> mediaIds, boolean workspaceClosing) {
}
