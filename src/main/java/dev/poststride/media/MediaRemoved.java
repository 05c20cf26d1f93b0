package dev.poststride.media;

import java.util.UUID;

/**
 * Fired inside the transaction that deletes media, with the rows locked: observers let go of them (posts detach
 * them), or throw a {@code Problems.Conflict} to refuse the delete of one item, which they may not do while the
 * workspace itself closes. {@code mediaId} is null for every item of a closing workspace.
 */
public record MediaRemoved(UUID workspaceId, UUID mediaId) {

    /** One item, deleted by a person. */
    public static MediaRemoved item(UUID workspaceId, UUID mediaId) {
        return new MediaRemoved(workspaceId, mediaId);
    }

    /** Every item of a workspace that is closing. */
    public static MediaRemoved allOf(UUID workspaceId) {
        return new MediaRemoved(workspaceId, null);
    }

    public boolean workspaceClosing() {
        return mediaId == null;
    }
}
