package dev.poststride.platforms.tiktok;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** TikTok's Content Posting API v2 (platform-apis.md 5.2–5.6). Every answer carries the {@code error} envelope. */
@Path("/v2/post/publish")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface TikTokApi {

    @POST
    @Path("/creator_info/query/")
    Response creatorInfo(@HeaderParam("Authorization") String bearer, Map<String, Object> empty);

    @POST
    @Path("/video/init/")
    Response initVideo(@HeaderParam("Authorization") String bearer, Map<String, Object> body);

    @POST
    @Path("/content/init/")
    Response initContent(@HeaderParam("Authorization") String bearer, Map<String, Object> body);

    @POST
    @Path("/status/fetch/")
    Response status(@HeaderParam("Authorization") String bearer, Map<String, Object> body);
}
