package dev.poststride.common.access;

/**
 * What a call may do in a workspace. Roles grant sets of these ({@link Role}); an API key narrows its creator's
 * role to the permissions of its scopes ({@link Scope}).
 */
public enum Permission {
    POSTS_READ,
    /** Create and edit posts, drafts included; cancel and retry. */
    POSTS_WRITE,
    /** Schedule a post without approval (contributors' scheduled posts wait for approval instead). */
    POSTS_SCHEDULE,
    POSTS_APPROVE,
    MEDIA_READ,
    MEDIA_WRITE,
    CONNECTIONS_READ,
    /** Connect, refresh and disconnect accounts. */
    CONNECTIONS_WRITE,
    /** Register, change and delete webhook endpoints; read their delivery logs; redeliver. */
    WEBHOOKS_MANAGE,
    /** See the workspace, its settings and its members. */
    WORKSPACE_READ,
    /** Members, invitations, settings, every key, the audit log. */
    WORKSPACE_ADMIN,
    /** Grant or give up ownership, delete the workspace. */
    WORKSPACE_OWN
}
