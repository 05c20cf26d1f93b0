package dev.poststride.user;

import java.util.UUID;

/**
 * Fired inside the registration's transaction once the user row is written: observers set up what every user has
 * from the start (their personal workspace), and a failure rolls the registration back.
 */
public record UserRegistered(UUID userId, String email, String username) {
}
