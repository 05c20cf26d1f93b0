package dev.poststride.user;

/** What registration knows about a new user, already validated for shape. */
public record NewUser(String email, String password, String username, String timezone) {
}
