package dev.poststride.platforms.facebook;

import dev.poststride.platforms.SandboxFakes;
import dev.poststride.platforms.meta.MetaSandbox;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** Facebook Pages for the dev sandbox, in Graph's shapes (platform-apis.md 3). */
@Path("/sandbox/facebook")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = SandboxFakes.ENABLED, stringValue = "true")
public class FacebookSandbox {

    private static final String KEY = FacebookModule.KEY.key();

    @GET
    @Path("/oauth/authorize")
    public Response authorize(@QueryParam("redirect_uri") String redirectUri, @QueryParam("state") String state) {
        return SandboxFakes.consent(redirectUri, state, null);
    }

    @GET
    @Path("/oauth/token")
    public Map<String, Object> token() {
        return MetaSandbox.userToken(KEY);
    }

    @GET
    @Path("/me/accounts")
    public Map<String, Object> pages() {
        return MetaSandbox.pages(KEY);
    }

    @GET
    @Path("/{node}")
    public Map<String, Object> node(@PathParam("node") String node) {
        return MetaSandbox.node(node);
    }

    @POST
    @Path("/{page}/feed")
    public Map<String, Object> feed(@PathParam("page") String page) {
        return Map.of("id", page + "_" + SandboxFakes.numericId());
    }

    @POST
    @Path("/{page}/photos")
    public Map<String, Object> photo(@PathParam("page") String page) {
        String id = SandboxFakes.numericId();
        return Map.of("id", id, "post_id", page + "_" + id);
    }

    @POST
    @Path("/{page}/videos")
    public Map<String, Object> video() {
        return Map.of("id", SandboxFakes.numericId());
    }

    @GET
    @Path("/{page}/published_posts")
    public Map<String, Object> published() {
        return Map.of("data", List.of());
    }

    @POST
    @Path("/{object}/comments")
    public Map<String, Object> comment(@PathParam("object") String object) {
        return MetaSandbox.comment(object);
    }
}
