package dev.poststride.common.access;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What an API key may be granted; each scope stands for the permissions it allows (still within its creator's
 * role).
 */
public enum Scope {
    POSTS_READ("posts:read", EnumSet.of(Permission.POSTS_READ)),
    POSTS_WRITE("posts:write", EnumSet.of(Permission.POSTS_WRITE, Permission.POSTS_SCHEDULE)),
    POSTS_APPROVE("posts:approve", EnumSet.of(Permission.POSTS_APPROVE)),
    MEDIA_READ("media:read", EnumSet.of(Permission.MEDIA_READ)),
    MEDIA_WRITE("media:write", EnumSet.of(Permission.MEDIA_WRITE)),
    CONNECTIONS_READ("connections:read", EnumSet.of(Permission.CONNECTIONS_READ)),
    CONNECTIONS_WRITE("connections:write", EnumSet.of(Permission.CONNECTIONS_WRITE)),
    WEBHOOKS_WRITE("webhooks:write", EnumSet.of(Permission.WEBHOOKS_MANAGE));

    private final String key;
    private final Set<Permission> permissions;

    Scope(String key, Set<Permission> permissions) {
        this.key = key;
        this.permissions = permissions;
    }

    public String key() {
        return key;
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    public static Optional<Scope> fromKey(String key) {
        for (Scope scope : values()) {
            if (scope.key.equals(key)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }
}
