package dev.poststride.auth;

import dev.poststride.user.UserView;

/** The session of the API contract, answered by register, login and refresh. */
public record SessionView(String accessToken, String tokenType, long expiresIn, String refreshToken,
                          UserView user) {
}
