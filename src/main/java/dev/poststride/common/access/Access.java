package dev.poststride.common.access;

import dev.poststride.common.Problems;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling and what they may do in the workspace the call is about: the user (for an API key, its creator),
 * the key if the call came with one, the workspace ({@code X-Workspace-Id}, or the caller's personal workspace, or
 * the key's), and the caller's role there — absent when the workspace does not exist or the caller is not a member,
 * which every workspace call answers with 404, never 403, so that a workspace's existence is not revealed.
 *
 * @param scopes an API key's scopes; empty for a signed-in user (who has all their role allows)
 */
public record Access(UUID userId, Optional<UUID> keyId, Optional<UUID> workspaceId, Optional<Role> role,
                     Optional<Set<Scope>> scopes) {

    /** The attribute of the security identity that holds the access of its request. */
    public static final String ATTRIBUTE = "poststride.access";

    public static Access ofSession(UUID userId, UUID workspaceId, Role role) {
        return new Access(userId, Optional.empty(), Optional.ofNullable(workspaceId), Optional.ofNullable(role),
                          Optional.empty());
    }

    public static Access ofKey(UUID creatorId, UUID keyId, UUID workspaceId, Role role, Set<Scope> scopes) {
        return new Access(creatorId, Optional.of(keyId), Optional.ofNullable(workspaceId), Optional.ofNullable(role),
                          Optional.of(Set.copyOf(scopes)));
    }

    /** What this call may do in its workspace: the role's permissions, narrowed by a key's scopes. */
    public Set<Permission> permissions() {
        if (role.isEmpty()) {
            return Set.of();
        }
        EnumSet<Permission> granted = EnumSet.copyOf(role.get().permissions());
        scopes.ifPresent(keyScopes -> {
            EnumSet<Permission> allowed = EnumSet.noneOf(Permission.class);
            keyScopes.forEach(scope -> allowed.addAll(scope.permissions()));
            granted.retainAll(allowed);
        });
        return granted;
    }

    public boolean can(Permission permission) {
        return permissions().contains(permission);
    }

    /** The workspace of this call; 404 unless the caller is a member of it. */
    public UUID workspace() {
        if (role.isEmpty() || workspaceId.isEmpty()) {
            throw new Problems.NotFound("The workspace");
        }
        return workspaceId.get();
    }

    /** 404 for a non-member, 403 for a member whose role (or key) does not allow {@code permission}. */
    public void require(Permission permission) {
        workspace();
        if (!can(permission)) {
            throw new Problems.Forbidden(keyId.isPresent()
                    ? "This API key is not allowed to do that (its scopes or its creator's role)."
                    : "Your role in this workspace does not allow that.");
        }
    }

    /** 403 for a call made with an API key: signing in is needed (accounts, profiles and keys themselves). */
    public void requireSession() {
        if (keyId.isPresent()) {
            throw new Problems.Forbidden("API keys cannot be used here; sign in.");
        }
    }
}
