package dev.poststride.user;

import java.util.UUID;

/**
 * Fired, outside any transaction, when a user is about to be deleted (their password checked): observers undo what
 * lives outside this database (grants at the platforms, stored media bytes) and may refuse by throwing a
 * {@code Problems.Conflict} (a post is being published right now). The user's rows go after every observer returned.
 */
public record AccountClosing(UUID userId) {
}
