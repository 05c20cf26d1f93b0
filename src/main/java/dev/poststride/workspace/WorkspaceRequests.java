package dev.poststride.workspace;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies of the workspace calls. */
final class WorkspaceRequests {

    private WorkspaceRequests() {
    }

    @Schema(example = "{\"name\":\"Acme agency\"}")
    record CreateWorkspace(@NotBlank @Size(max = 100) String name) {
    }

    /** Only what is given changes. */
    @Schema(example = "{\"approvals\":\"contributors\"}")
    record UpdateWorkspace(@Size(min = 1, max = 100) String name, String approvals) {
    }

    @Schema(example = "{\"role\":\"editor\"}")
    record ChangeRole(@NotBlank String role) {
    }

    @Schema(example = "{\"user_id\":\"5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9\"}")
    record TransferOwnership(@NotNull UUID userId) {
    }

    @Schema(example = "{\"email\":\"sam@acme.example\",\"role\":\"contributor\"}")
    record Invite(@NotBlank @Size(max = 254) String email, @NotBlank String role) {
    }

    @Schema(example = "{\"token\":\"psi_Jq8lZk3VYw0F2mQh4r6T9uXbNcDe1GaP5sLo7iKv\"}")
    record InvitationToken(@NotBlank @Size(max = 200) String token) {
    }

    @Schema(example = "{\"name\":\"Zapier\",\"scopes\":[\"posts:read\",\"posts:write\",\"media:write\"],"
                      + "\"expires_at\":\"2027-06-30T00:00:00Z\"}")
    record CreateKey(@NotBlank @Size(max = 100) String name, @NotNull @Size(min = 1, max = 10) List<String> scopes,
                     Instant expiresAt) {
    }
}
