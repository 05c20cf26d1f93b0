package dev.poststride.user;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/** The User of the API contract; never carries the password hash. */
// Nested in SessionView, which is serialized from a Response entity (see SessionView).
@RegisterForReflection
public record UserView(UUID id, String email, String username, String timezone, Instant createdAt,
                       Instant updatedAt) {

    public static UserView of(User user) {
        return new UserView(user.id, user.email, user.username, user.timezone, user.createdAt, user.updatedAt);
    }
}
