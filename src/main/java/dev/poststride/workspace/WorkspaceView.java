package dev.poststride.workspace;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A workspace as its members see it, with the caller's own role in it. */
@Schema(example = "{\"id\":\"3f0c9a52-8d1e-4c47-9a55-0c2b7e1d4a10\",\"name\":\"Acme agency\",\"personal\":false,"
                  + "\"role\":\"owner\",\"approvals\":\"contributors\",\"created_at\":\"2026-12-01T09:30:00Z\","
                  + "\"updated_at\":\"2026-12-02T14:05:00Z\"}")
public record WorkspaceView(UUID id, String name, boolean personal, String role, String approvals, Instant createdAt,
                            Instant updatedAt) {

    static WorkspaceView of(Workspace workspace, String role) {
        return new WorkspaceView(workspace.id, workspace.name, workspace.personalOf != null, role, workspace.approvals,
                                 workspace.createdAt, workspace.updatedAt);
    }
}
