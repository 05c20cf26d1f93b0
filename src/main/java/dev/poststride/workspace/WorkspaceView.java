package dev.poststride.workspace;

import java.time.Instant;
import java.util.UUID;

/** A workspace as its members see it, with the caller's own role in it. */
public record WorkspaceView(UUID id, String name, boolean personal, String role, String approvals, Instant createdAt,
                            Instant updatedAt) {

    static WorkspaceView of(Workspace workspace, String role) {
        return new WorkspaceView(workspace.id, workspace.name, workspace.personalOf != null, role, workspace.approvals,
                                 workspace.createdAt, workspace.updatedAt);
    }
}
