package dev.poststride.platforms.meta;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Meta Graph API (Facebook Pages and Instagram via Facebook Login). Tokens go in the Authorization header, never
 * in the URL, so they cannot end up in access logs.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
interface GraphAccountApi {

    @GET
    @Path("/me/accounts")
    Response pages(@HeaderParam("Authorization") String bearer, @QueryParam("fields") String fields,
                   @QueryParam("limit") int limit);

    @GET
    @Path("/{node}")
    Response node(@HeaderParam("Authorization") String bearer, @PathParam("node") String node,
                  @QueryParam("fields") String fields);

    @GET
    @Path("/{ig}/content_publishing_limit")
    Response publishingLimit(@HeaderParam("Authorization") String bearer, @PathParam("ig") String igUserId,
                             @QueryParam("fields") String fields);
}
