package dev.poststride.platform;

import dev.poststride.common.access.CurrentAccess;
import dev.poststride.common.access.Permission;
import dev.poststride.common.access.Requires;
import dev.poststride.common.Items;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/platforms")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Social platforms")
public class PlatformResource {

    private final ConnectionService connections;
    private final ConnectService connect;
    private final CurrentAccess access;
    private final SecurityIdentity identity;

    PlatformResource(ConnectionService connections, ConnectService connect, CurrentAccess access,
                     SecurityIdentity identity) {
        this.connections = connections;
        this.connect = connect;
        this.access = access;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "The supported platforms and their limits; connectable says whether this server can "
                         + "connect it")
    public Items<PlatformView> catalogue() {
        return new Items<>(connections.catalogue());
    }

    @POST
    @Path("/connect")
    @Authenticated
    @Requires(Permission.CONNECTIONS_WRITE)
    @Consumes(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "SecurityScheme")
    @Operation(summary = "Start connecting an account: answers the platform's authorization URL, and sets the"
                         + " HttpOnly cookie that binds the flow to this browser (send the browser to the URL from"
                         + " the same browser, with credentials included)")
    @APIResponse(responseCode = "200", description = "The flow started",
                 content = @Content(schema = @Schema(implementation = ConnectStart.class)))
    public Response connect(@NotNull @Valid ConnectRequest request) {
        ConnectStart started = connect.start(access.get().userId(), access.get().workspace(), request);
        return Response.ok(started).cookie(started.binding()).build();
    }

    @GET
    @Path("/{platform}/callback")
    @Operation(summary = "Where the platform sends the browser back (no Bearer needed): 302 to the connect call's "
                         + "redirect_uri, or 200 with the connection")
    public Response callback(@PathParam("platform") String platform, @QueryParam("code") String code,
                             @QueryParam("state") String state, @QueryParam("error") String error,
                             @Context HttpHeaders headers) {
        Optional<UUID> caller = identity.isAnonymous() ? Optional.empty() : Optional.of(access.get().userId());
        CallbackResult result = connect.complete(platform, code, state, error, caller, headers.getCookies());
        NewCookie used = connect.clearBinding(state);
        if (result.redirectUri().isPresent()) {
            UriBuilder target = UriBuilder.fromUri(result.redirectUri().get());
            if (result.error().isPresent()) {
                target.queryParam("status", "error").queryParam("error", result.error().get());
            } else {
                target.queryParam("connection_id", result.connections().getFirst().id())
                        .queryParam("status", "connected")
                        .queryParam("connections", result.connections().size());
            }
            return Response.status(Response.Status.FOUND).location(target.build()).cookie(used).build();
        }
        return Response.ok(result.connections().getFirst()).cookie(used).build();
    }

    @GET
    @Path("/connected")
    @Authenticated
    @Requires(Permission.CONNECTIONS_READ)
    @SecurityRequirement(name = "SecurityScheme")
    public Items<ConnectionView> connected() {
        return new Items<>(connections.list(access.get().workspace()));
    }

    @POST
    @Path("/connected/{id}/refresh")
    @Authenticated
    @Requires(Permission.CONNECTIONS_WRITE)
    @SecurityRequirement(name = "SecurityScheme")
    @Operation(summary = "Renew the connection's access now (the service also does this on its own)")
    public ConnectionView refresh(@PathParam("id") UUID id) {
        return connections.refresh(access.get().workspace(), id);
    }

    @DELETE
    @Path("/connected/{id}")
    @Authenticated
    @Requires(Permission.CONNECTIONS_WRITE)
    @SecurityRequirement(name = "SecurityScheme")
    @Operation(summary = "Disconnect: tokens wiped and the connection kept as revoked with its history; pending"
                         + " targets cancelled (connection_removed); revoked at the platform where it allows that;"
                         + " 409 while a target of it is publishing")
    public void disconnect(@PathParam("id") UUID id) {
        connections.disconnect(access.get(), id);
    }
}
