package dev.poststride.platforms.instagram;

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

/** Instagram content publishing through the Graph API (platform-apis.md 4.2–4.6): containers, then publish. */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
interface InstagramApi {

    @POST
    @Path("/{ig}/media")
    @Consumes(MediaType.APPLICATION_JSON)
    Response createContainer(@HeaderParam("Authorization") String bearer, @PathParam("ig") String igUserId,
                             Map<String, Object> body);

    @GET
    @Path("/{container}")
    Response container(@HeaderParam("Authorization") String bearer, @PathParam("container") String containerId,
                       @QueryParam("fields") String fields);

    @POST
    @Path("/{ig}/media_publish")
    @Consumes(MediaType.APPLICATION_JSON)
    Response publish(@HeaderParam("Authorization") String bearer, @PathParam("ig") String igUserId,
                     Map<String, Object> body);

    @GET
    @Path("/{ig}/media")
    Response recentMedia(@HeaderParam("Authorization") String bearer, @PathParam("ig") String igUserId,
                         @QueryParam("fields") String fields, @QueryParam("limit") int limit);

    /** A comment on a published media object (needs {@code instagram_manage_comments}). */
    @POST
    @Path("/{media}/comments")
    @Consumes(MediaType.APPLICATION_JSON)
    Response comment(@HeaderParam("Authorization") String bearer, @PathParam("media") String mediaId,
                     Map<String, Object> body);

    /** The account's publishing quota in its rolling window (platform-apis.md 4.4). */
    @GET
    @Path("/{ig}/content_publishing_limit")
    Response publishingLimit(@HeaderParam("Authorization") String bearer, @PathParam("ig") String igUserId,
                             @QueryParam("fields") String fields);
}
