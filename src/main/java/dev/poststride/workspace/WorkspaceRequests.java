package dev.poststride.workspace;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The bodies of the workspace calls. */
final class WorkspaceRequests {

    private WorkspaceRequests() {
    }

    record CreateWorkspace(@NotBlank @Size(max = 100) String name) {
    }

    /** Only what is given changes. */
    record UpdateWorkspace(@Size(min = 1, max = 100) String name, String approvals) {
    }

    record ChangeRole(@NotBlank String role) {
    }

    record TransferOwnership(@NotNull UUID userId) {
    }

    record Invite(@NotBlank @Size(max = 254) String email, @NotBlank String role) {
    }

    record InvitationToken(@NotBlank @Size(max = 200) String token) {
    }

    record CreateKey(@NotBlank @Size(max = 100) String name, @NotNull @Size(min = 1, max = 10) List<String> scopes,
                     Instant expiresAt) {
    }
}
