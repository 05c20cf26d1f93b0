package dev.poststride.user;

import java.time.Instant;
import java.util.UUID;

/** The User of the API contract; never carries the password hash. */
public record UserView(UUID id, String email, String username, String timezone, Instant createdAt,
                       Instant updatedAt) {

    public static UserView of(User user) {
        return new UserView(user.id, user.email, user.username, user.timezone, user.createdAt, user.updatedAt);
    }
}
