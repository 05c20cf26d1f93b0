package dev.poststride.workspace;

import dev.poststride.common.Problems;
import dev.poststride.common.access.CurrentAccess;
import dev.poststride.common.access.Requires;
import dev.poststride.user.UserService;
import dev.poststride.user.UserView;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The invitee's side: signed in with the invited address, accept or decline with the invitation's token. */
@Path("/api/invitations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Workspaces")
@SecurityRequirement(name = "SecurityScheme")
public class InvitationResource {

    private final Invitations invitations;
    private final UserService users;
    private final CurrentAccess access;

    InvitationResource(Invitations invitations, UserService users, CurrentAccess access) {
        this.invitations = invitations;
        this.users = users;
        this.access = access;
    }

    @POST
    @Path("/accept")
    @Requires(session = true)
    @Operation(summary = "Join the workspace of an invitation to your address; 404 for a token that is unknown, used,"
                         + " expired, revoked or for another address")
    public WorkspaceView accept(@NotNull @Valid WorkspaceRequests.InvitationToken request) {
        UserView me = me();
        return invitations.accept(me.id(), me.email(), request.token());
    }

    @POST
    @Path("/decline")
    @Requires(session = true)
    @Operation(summary = "Decline an invitation to your address")
    public void decline(@NotNull @Valid WorkspaceRequests.InvitationToken request) {
        UserView me = me();
        invitations.decline(me.id(), me.email(), request.token());
    }

    private UserView me() {
        return users.find(access.get().userId()).orElseThrow(() -> new Problems.Unauthorized("The account is gone."));
    }
}
