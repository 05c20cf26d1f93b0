package dev.poststride.user;

import dev.poststride.common.Problems;
import dev.poststride.common.access.CurrentAccess;
import dev.poststride.common.access.Requires;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/users/me")
@Authenticated
@Requires(session = true)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
@SecurityRequirement(name = "SecurityScheme")
public class UserResource {

    private final UserService users;
    private final CurrentAccess access;

    UserResource(UserService users, CurrentAccess access) {
        this.users = users;
        this.access = access;
    }

    @GET
    public UserView me() {
        return users.find(access.get().userId()).orElseThrow(() -> new Problems.NotFound("The user"));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public UserView update(@NotNull @Valid UpdateProfileRequest request) {
        return users.update(access.get().userId(), request);
    }

    @DELETE
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Delete the account (the password again in the body) with its personal workspace and every"
                         + " workspace it alone belongs to: platform grants revoked where possible, every session"
                         + " ended; 409 while a post is publishing, or while it is the only owner of a workspace with"
                         + " other members")
    public void close(@NotNull @Valid CloseAccountRequest request) {
        users.close(access.get().userId(), request.password());
    }

    @GET
    @Path("/export")
    @Operation(summary = "Everything stored about you: profile, workspaces, your personal workspace's connections,"
                         + " posts with their targets and attempts and media (metadata), sessions; never a token")
    public Map<String, Object> export() {
        return users.export(access.get().userId());
    }
}
