package dev.poststride.auth;

import io.quarkus.security.Authenticated;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import dev.poststride.common.access.Requires;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Auth")
public class AuthResource {

    private final AuthService auth;
    private final JsonWebToken token;

    AuthResource(AuthService auth, JsonWebToken token) {
        this.auth = auth;
        this.token = token;
    }

    @POST
    @Path("/register")
    @Operation(summary = "Create an account and sign in; 429 with Retry-After after many from one address")
    public Response register(@NotNull @Valid AuthRequests.Register request, @Context HttpServerRequest http) {
        SessionView session = auth.register(request, clientAddress(http));
        return Response.created(URI.create("/api/users/me")).entity(session).build();
    }

    @POST
    @Path("/login")
    @Operation(summary = "Sign in; 401 for any bad credential, 429 with Retry-After after repeated failures")
    public SessionView login(@NotNull @Valid AuthRequests.Login request, @Context HttpServerRequest http) {
        return auth.login(request, clientAddress(http));
    }

    @POST
    @Path("/refresh")
    @Operation(summary = "Exchange a refresh token for a new session; the old refresh token stops working")
    public SessionView refresh(@NotNull @Valid AuthRequests.Refresh request) {
        return auth.refresh(request);
    }

    @POST
    @Path("/logout")
    @Authenticated
    @Requires(session = true)
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "End this session: its access and refresh tokens answer 401 from now on")
    public Response logout() {
        auth.logout(UUID.fromString(token.getClaim(AccessTokenIssuer.SESSION_CLAIM).toString()));
        return Response.noContent().build();
    }

    /** The peer address, or the forwarded one when proxy address forwarding is configured. */
    private static String clientAddress(HttpServerRequest http) {
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }
}
