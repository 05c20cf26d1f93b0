package dev.poststride.auth;

import dev.poststride.user.UserView;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The session of the API contract, answered by register, login and refresh. */
// register answers it inside a Response (201 + Location), invisible to Quarkus' native type scan.
@RegisterForReflection
public record SessionView(String accessToken, String tokenType, long expiresIn, String refreshToken,
                          UserView user) {
}
