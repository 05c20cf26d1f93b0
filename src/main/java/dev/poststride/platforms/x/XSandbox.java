package dev.poststride.platforms.x;

import dev.poststride.platforms.OAuthSandbox;
import dev.poststride.platforms.PlatformKey;
import dev.poststride.platforms.SandboxFakes;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** X for the dev sandbox, in X's HTTP shapes (platform-apis.md 1), so the real client code runs against it. */
@Path("/sandbox/x")
@IfBuildProperty(name = SandboxFakes.ENABLED, stringValue = "true")
public class XSandbox extends OAuthSandbox {

    @Override
    protected PlatformKey platform() {
        return XModule.KEY;
    }

    @Override
    protected long lifetimeSeconds() {
        return 7200;
    }

    @Override
    protected String scopes() {
        return "tweet.read tweet.write users.read media.write offline.access";
    }

    @GET
    @Path("/2/users/me")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> me() {
        return Map.of("data", Map.of("id", "1000000001", "username", "sandbox_x", "name", "Sandbox X"));
    }

    @POST
    @Path("/2/oauth2/revoke")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> revoke() {
        return Map.of("revoked", true);
    }

    @POST
    @Path("/2/tweets")
    @Produces(MediaType.APPLICATION_JSON)
    public Response post() {
        return Response.status(201).entity(Map.of("data", Map.of("id", SandboxFakes.numericId()))).build();
    }

    @POST
    @Path("/2/media/upload/initialize")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> mediaInitialize() {
        return Map.of("data", Map.of("id", SandboxFakes.numericId()));
    }

    @POST
    @Path("/2/media/upload/{id}/append")
    public Response mediaAppend() {
        return Response.noContent().build();
    }

    @POST
    @Path("/2/media/upload/{id}/finalize")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> mediaFinalize(@PathParam("id") String id) {
        return Map.of("data", Map.of("id", id));
    }

    @GET
    @Path("/2/users/{id}/tweets")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> recentPosts() {
        return Map.of("meta", Map.of("result_count", 0));
    }
}
