package dev.poststride.auth;

import dev.poststride.user.UserRules;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of {@code /api/auth}. */
final class AuthRequests {

    private AuthRequests() {
    }

    record Register(
            @NotBlank(message = "is required") @Email(message = "must be an email address")
            @Size(max = 254, message = "must be at most 254 characters") String email,
            @NotNull(message = "is required")
            @Size(min = UserRules.PASSWORD_MIN, max = UserRules.PASSWORD_MAX, message = UserRules.PASSWORD_MESSAGE)
            String password,
            @Pattern(regexp = UserRules.USERNAME_PATTERN, message = UserRules.USERNAME_MESSAGE) String username,
            @Size(max = 64, message = UserRules.TIMEZONE_MESSAGE) String timezone) {
    }

    record Login(
            @NotBlank(message = "is required") @Size(max = 254, message = "must be at most 254 characters")
            String email,
            @NotBlank(message = "is required") @Size(max = 1024, message = "must be at most 1024 characters")
            String password) {
    }

    record Refresh(
            @NotBlank(message = "is required") @Size(max = 200, message = "is not a refresh token")
            String refreshToken) {
    }
}
