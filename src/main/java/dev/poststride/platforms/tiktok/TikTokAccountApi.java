package dev.poststride.platforms.tiktok;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** TikTok API v2: the creator's identity and posting settings, and token revocation. */
@Path("/v2")
@Produces(MediaType.APPLICATION_JSON)
interface TikTokAccountApi {

    @GET
    @Path("/user/info/")
    Response userInfo(@HeaderParam("Authorization") String bearer, @QueryParam("fields") String fields);

    @POST
    @Path("/post/publish/creator_info/query/")
    @Consumes(MediaType.APPLICATION_JSON)
    Response creatorInfo(@HeaderParam("Authorization") String bearer, Map<String, Object> none);

    @POST
    @Path("/oauth/revoke/")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Response revoke(MultivaluedMap<String, String> form);
}
