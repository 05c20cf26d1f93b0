package dev.poststride.user;

import java.util.UUID;

/** Fired inside the transaction that changed a user's password, so other sessions can be ended with it. */
public record PasswordChanged(UUID userId) {
}
