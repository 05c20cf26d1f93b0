package dev.poststride.platforms.linkedin;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;

/**
 * LinkedIn's versioned REST API for the Company Pages a member administers (platform-apis.md 2.1): their access
 * control entries, and each organization's name.
 */
@Path("/rest")
@Produces(MediaType.APPLICATION_JSON)
@ClientHeaderParam(name = "X-Restli-Protocol-Version", value = "2.0.0")
interface LinkedInOrganizationsApi {

    @GET
    @Path("/organizationAcls")
    Response acls(@HeaderParam("Authorization") String bearer, @HeaderParam("LinkedIn-Version") String version,
                  @QueryParam("q") String finder, @QueryParam("state") String state);

    @GET
    @Path("/organizations/{id}")
    Response organization(@HeaderParam("Authorization") String bearer,
                          @HeaderParam("LinkedIn-Version") String version, @PathParam("id") String id);
}
