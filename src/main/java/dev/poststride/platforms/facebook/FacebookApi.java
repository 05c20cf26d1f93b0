package dev.poststride.platforms.facebook;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * The Graph API of a Facebook Page (platform-apis.md 3.2–3.6), on {@code platforms.facebook.api-url} which carries
 * the Graph version. The Page token goes in the Authorization header.
 */
@Path("/{page}")
@Produces(MediaType.APPLICATION_JSON)
interface FacebookApi {

    @POST
    @Path("/feed")
    @Consumes(MediaType.APPLICATION_JSON)
    Response feed(@HeaderParam("Authorization") String bearer, @PathParam("page") String pageId,
                  Map<String, Object> body);

    @POST
    @Path("/photos")
    @Consumes(MediaType.APPLICATION_JSON)
    Response photo(@HeaderParam("Authorization") String bearer, @PathParam("page") String pageId,
                   Map<String, Object> body);

    @POST
    @Path("/videos")
    @Consumes(MediaType.APPLICATION_JSON)
    Response video(@HeaderParam("Authorization") String bearer, @PathParam("page") String pageId,
                   Map<String, Object> body);

    /** A comment on a Page post ({@code page} is then the post's id, {@code <page>_<post>}). */
    @POST
    @Path("/comments")
    @Consumes(MediaType.APPLICATION_JSON)
    Response comment(@HeaderParam("Authorization") String bearer, @PathParam("page") String postId,
                     Map<String, Object> body);

    @GET
    @Path("/published_posts")
    Response publishedPosts(@HeaderParam("Authorization") String bearer, @PathParam("page") String pageId,
                            @QueryParam("fields") String fields, @QueryParam("since") long since);
}
