package dev.poststride.workspace;

import dev.poststride.common.Items;
import dev.poststride.common.Page;
import dev.poststride.common.access.CurrentAccess;
import dev.poststride.common.access.Permission;
import dev.poststride.common.access.Requires;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Workspaces, their members, invitations, API keys and audit log. The workspace of a call under {@code {id}} is that
 * id: a non-member gets 404, a member whose role does not allow the call 403.
 */
@Path("/api/workspaces")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Workspaces")
@SecurityRequirement(name = "SecurityScheme")
public class WorkspaceResource {

    private final WorkspaceService workspaces;
    private final Invitations invitations;
    private final ApiKeys keys;
    private final AuditLog audit;
    private final CurrentAccess access;

    WorkspaceResource(WorkspaceService workspaces, Invitations invitations, ApiKeys keys, AuditLog audit,
                      CurrentAccess access) {
        this.workspaces = workspaces;
        this.invitations = invitations;
        this.keys = keys;
        this.audit = audit;
        this.access = access;
    }

    @GET
    @Requires(session = true)
    @Operation(summary = "The workspaces you belong to, with your role in each; your personal one first")
    public Items<WorkspaceView> mine() {
        return new Items<>(workspaces.mine(access.get().userId()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(session = true)
    @Operation(summary = "Create a shared workspace; you become its owner")
    public Response create(@NotNull @Valid WorkspaceRequests.CreateWorkspace request) {
        WorkspaceView created = workspaces.create(access.get().userId(), request.name());
        return Response.created(URI.create("/api/workspaces/" + created.id())).entity(created).build();
    }

    @GET
    @Path("/{id}")
    @Requires(Permission.WORKSPACE_READ)
    public WorkspaceView get(@PathParam("id") UUID id) {
        return workspaces.get(access.get());
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(value = Permission.WORKSPACE_ADMIN, session = true)
    @Operation(summary = "Rename the workspace or set who needs approval to schedule (approvals: off, contributors,"
                         + " everyone)")
    public WorkspaceView update(@PathParam("id") UUID id, @NotNull @Valid WorkspaceRequests.UpdateWorkspace request) {
        return workspaces.update(access.get(), request);
    }

    @DELETE
    @Path("/{id}")
    @Requires(value = Permission.WORKSPACE_OWN, session = true)
    @Operation(summary = "Delete a shared workspace with everything in it (409 for a personal workspace)")
    public void delete(@PathParam("id") UUID id) {
        workspaces.delete(access.get());
    }

    // ---- members ----------------------------------------------------------------------------------------------------

    @GET
    @Path("/{id}/members")
    @Requires(Permission.WORKSPACE_READ)
    public Items<MemberView> members(@PathParam("id") UUID id) {
        return new Items<>(workspaces.members(access.get()));
    }

    @PATCH
    @Path("/{id}/members/{userId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(value = Permission.WORKSPACE_ADMIN, session = true)
    @Operation(summary = "Give a member another role (making or unmaking an owner takes an owner)")
    public MemberView changeRole(@PathParam("id") UUID id, @PathParam("userId") UUID userId,
                                 @NotNull @Valid WorkspaceRequests.ChangeRole request) {
        return workspaces.changeRole(access.get(), userId, request.role());
    }

    @DELETE
    @Path("/{id}/members/{userId}")
    @Requires(value = Permission.WORKSPACE_READ, session = true)
    @Operation(summary = "Remove a member (admins; an owner for an owner), or yourself to leave; the last owner"
                         + " cannot go")
    public void remove(@PathParam("id") UUID id, @PathParam("userId") UUID userId) {
        workspaces.remove(access.get(), userId);
    }

    @POST
    @Path("/{id}/leave")
    @Requires(value = Permission.WORKSPACE_READ, session = true)
    @Operation(summary = "Leave the workspace (not your personal one; the last owner cannot leave)")
    public void leave(@PathParam("id") UUID id) {
        workspaces.remove(access.get(), access.get().userId());
    }

    @POST
    @Path("/{id}/transfer-ownership")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(value = Permission.WORKSPACE_OWN, session = true)
    @Operation(summary = "Make another member an owner and yourself an admin")
    public MemberView transfer(@PathParam("id") UUID id,
                               @NotNull @Valid WorkspaceRequests.TransferOwnership request) {
        return workspaces.transfer(access.get(), request.userId());
    }

    // ---- invitations ------------------------------------------------------------------------------------------------

    @POST
    @Path("/{id}/invitations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(value = Permission.WORKSPACE_ADMIN, session = true)
    @Operation(summary = "Invite an email address with a role; the answer carries the invitation's token, once")
    public Response invite(@PathParam("id") UUID id, @NotNull @Valid WorkspaceRequests.Invite request) {
        InvitationView created = invitations.invite(access.get(), request.email(), request.role());
        return Response.created(URI.create("/api/workspaces/" + id + "/invitations/" + created.id()))
                .entity(created).build();
    }

    @GET
    @Path("/{id}/invitations")
    @Requires(value = Permission.WORKSPACE_ADMIN, session = true)
    public Items<InvitationView> invitations(@PathParam("id") UUID id) {
        return new Items<>(invitations.list(access.get()));
    }

    @DELETE
    @Path("/{id}/invitations/{invitationId}")
    @Requires(value = Permission.WORKSPACE_ADMIN, session = true)
    @Operation(summary = "Revoke a pending invitation")
    public void revokeInvitation(@PathParam("id") UUID id, @PathParam("invitationId") UUID invitationId) {
        invitations.revoke(access.get(), invitationId);
    }

    // ---- API keys ---------------------------------------------------------------------------------------------------

    @POST
    @Path("/{id}/keys")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(value = Permission.WORKSPACE_READ, session = true)
    @Operation(summary = "Create an API key acting with your role narrowed by its scopes; the answer carries the key,"
                         + " once")
    public Response createKey(@PathParam("id") UUID id, @NotNull @Valid WorkspaceRequests.CreateKey request) {
        ApiKeyView created = keys.create(access.get(), request);
        return Response.created(URI.create("/api/workspaces/" + id + "/keys/" + created.id())).entity(created)
                .build();
    }

    @GET
    @Path("/{id}/keys")
    @Requires(value = Permission.WORKSPACE_READ, session = true)
    @Operation(summary = "The workspace's API keys (an admin sees all, anyone else their own); never the keys"
                         + " themselves")
    public Items<ApiKeyView> keys(@PathParam("id") UUID id) {
        return new Items<>(keys.list(access.get()));
    }

    @DELETE
    @Path("/{id}/keys/{keyId}")
    @Requires(value = Permission.WORKSPACE_READ, session = true)
    @Operation(summary = "Revoke an API key (your own, or any as an admin); it stops working at once")
    public void revokeKey(@PathParam("id") UUID id, @PathParam("keyId") UUID keyId) {
        keys.revoke(access.get(), keyId);
    }

    // ---- audit ------------------------------------------------------------------------------------------------------

    @GET
    @Path("/{id}/audit")
    @Requires(value = Permission.WORKSPACE_ADMIN, session = true)
    @Operation(summary = "Who did what in the workspace, newest first")
    public Page<AuditLog.Entry> audit(@PathParam("id") UUID id,
                                      @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0"))
                                      @QueryParam("page") String page,
                                      @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                                                                  maximum = "100"))
                                      @QueryParam("size") String size) {
        return audit.page(access.get().workspace(), Page.PageRequest.of(page, size));
    }
}
