package dev.poststride.platforms.x;

import dev.poststride.platforms.SandboxFakes;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** X for the dev sandbox, in X's HTTP shapes (platform-apis.md 1), so the real client code runs against it. */
@Path("/sandbox/x")
@IfBuildProperty(name = SandboxFakes.ENABLED, stringValue = "true")
public class XSandbox {

    @GET
    @Path("/oauth/authorize")
    public Response authorize(@QueryParam("redirect_uri") String redirectUri, @QueryParam("state") String state,
                              @QueryParam("code_challenge") String challenge) {
        return SandboxFakes.consent(redirectUri, state, challenge);
    }

    @POST
    @Path("/oauth/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(@FormParam("grant_type") String grantType, @FormParam("code") String code,
                          @FormParam("code_verifier") String verifier, @FormParam("refresh_token") String refresh) {
        return SandboxFakes.tokens(XModule.KEY.key(), grantType, code, verifier, refresh, 7200,
                                   "tweet.read tweet.write users.read media.write offline.access", Map.of());
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
