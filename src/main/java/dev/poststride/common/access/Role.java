package dev.poststride.common.access;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** A member's role in a workspace, each one the one below it and more. */
public enum Role {
    VIEWER(EnumSet.of(Permission.POSTS_READ, Permission.MEDIA_READ, Permission.CONNECTIONS_READ,
                      Permission.WORKSPACE_READ)),
    CONTRIBUTOR(with(VIEWER, Permission.POSTS_WRITE, Permission.MEDIA_WRITE)),
    EDITOR(with(CONTRIBUTOR, Permission.POSTS_SCHEDULE, Permission.POSTS_APPROVE)),
    ADMIN(with(EDITOR, Permission.CONNECTIONS_WRITE, Permission.WEBHOOKS_MANAGE, Permission.WORKSPACE_ADMIN)),
    OWNER(with(ADMIN, Permission.WORKSPACE_OWN));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = permissions;
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromKey(String key) {
        for (Role role : values()) {
            if (role.key().equals(key)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    private static Set<Permission> with(Role base, Permission... more) {
        EnumSet<Permission> all = EnumSet.copyOf(base.permissions);
        all.addAll(Set.of(more));
        return all;
    }
}
