package dev.poststride.user;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code DELETE /api/users/me}: the password again, so a stolen access token alone cannot delete an account. */
public record CloseAccountRequest(@NotNull(message = "is required") @Size(max = 1000) String password) {
}
