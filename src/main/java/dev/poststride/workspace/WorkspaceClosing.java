package dev.poststride.workspace;

import java.util.UUID;

/**
 * Fired, outside any transaction, before a workspace is deleted (by its owner, or with the account of its last
 * member): observers undo what lives outside this database — grants at the platforms, stored media bytes — and may
 * refuse by throwing a {@code Problems.Conflict} (a post is being published right now). The rows go afterwards.
 */
public record WorkspaceClosing(UUID workspaceId) {
}
