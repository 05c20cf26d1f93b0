package dev.poststride.platforms.x;

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
import org.jboss.resteasy.reactive.PartType;
import org.jboss.resteasy.reactive.RestForm;

/**
 * X API v2 as publishing uses it (platform-apis.md 1.2–1.6): posts, chunked media upload, and the account's recent
 * posts for reconciliation. Built by {@code PlatformHttp} on {@code platforms.x.api-url} (or the dev sandbox).
 */
@Path("/2")
@Produces(MediaType.APPLICATION_JSON)
interface XApi {

    @POST
    @Path("/tweets")
    @Consumes(MediaType.APPLICATION_JSON)
    Response createPost(@HeaderParam("Authorization") String bearer, Map<String, Object> body);

    @POST
    @Path("/media/upload/initialize")
    @Consumes(MediaType.APPLICATION_JSON)
    Response initializeUpload(@HeaderParam("Authorization") String bearer, Map<String, Object> body);

    @POST
    @Path("/media/upload/{id}/append")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    Response appendUpload(@HeaderParam("Authorization") String bearer, @PathParam("id") String mediaId,
                          @RestForm("media") @PartType(MediaType.APPLICATION_OCTET_STREAM) byte[] chunk,
                          @RestForm("segment_index") @PartType(MediaType.TEXT_PLAIN) String segmentIndex);

    @POST
    @Path("/media/upload/{id}/finalize")
    Response finalizeUpload(@HeaderParam("Authorization") String bearer, @PathParam("id") String mediaId);

    @GET
    @Path("/media/upload")
    Response uploadStatus(@HeaderParam("Authorization") String bearer, @QueryParam("command") String command,
                          @QueryParam("media_id") String mediaId);

    @GET
    @Path("/users/{id}/tweets")
    Response recentPosts(@HeaderParam("Authorization") String bearer, @PathParam("id") String userId,
                         @QueryParam("start_time") String startTime, @QueryParam("max_results") int maxResults,
                         @QueryParam("tweet.fields") String fields);
}
