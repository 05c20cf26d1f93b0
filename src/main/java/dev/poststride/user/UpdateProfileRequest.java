package dev.poststride.user;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code PUT /api/users/me}: every field optional; email and password changes need the current password. */
public record UpdateProfileRequest(
        @Pattern(regexp = UserRules.USERNAME_PATTERN, message = UserRules.USERNAME_MESSAGE) String username,
        @Email(message = "must be an email address") @Size(max = 254, message = "must be at most 254 characters")
        String email,
        @Size(max = 64, message = "must be an IANA time zone id") String timezone,
        @Size(max = 1024, message = "must be at most 1024 characters") String currentPassword,
        @Size(min = UserRules.PASSWORD_MIN, max = UserRules.PASSWORD_MAX, message = UserRules.PASSWORD_MESSAGE)
        String newPassword) {
}
