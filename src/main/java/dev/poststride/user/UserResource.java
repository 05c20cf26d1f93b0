package dev.poststride.user;

import dev.poststride.common.CurrentUser;
import dev.poststride.common.Problems;
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
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
@SecurityRequirement(name = "SecurityScheme")
public class UserResource {

    private final UserService users;
    private final CurrentUser currentUser;

    UserResource(UserService users, CurrentUser currentUser) {
        this.users = users;
        this.currentUser = currentUser;
    }

    @GET
    public UserView me() {
        return users.find(currentUser.id()).orElseThrow(() -> new Problems.NotFound("The user"));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public UserView update(@NotNull @Valid UpdateProfileRequest request) {
        return users.update(currentUser.id(), request);
    }

    @DELETE
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Delete the account and everything it owns (the password again in the body): platform"
                         + " grants revoked where possible, every session ended; 409 while a post is publishing")
    public void close(@NotNull @Valid CloseAccountRequest request) {
        users.close(currentUser.id(), request.password());
    }

    @GET
    @Path("/export")
    @Operation(summary = "Everything stored about you: profile, connections, posts with their targets and attempts,"
                         + " media (metadata), sessions; never a token")
    public Map<String, Object> export() {
        return users.export(currentUser.id());
    }
}
