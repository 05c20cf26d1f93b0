package dev.poststride.user;

import dev.poststride.common.CurrentUser;
import dev.poststride.common.Problems;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
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
}
