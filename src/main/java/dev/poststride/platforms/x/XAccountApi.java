package dev.poststride.platforms.x;

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

/** X API v2: who the token belongs to, and token revocation. */
@Path("/2")
@Produces(MediaType.APPLICATION_JSON)
interface XAccountApi {

    @GET
    @Path("/users/me")
    Response me(@HeaderParam("Authorization") String bearer, @QueryParam("user.fields") String fields);

    @POST
    @Path("/oauth2/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Response revoke(@HeaderParam("Authorization") String basic, MultivaluedMap<String, String> form);
}
