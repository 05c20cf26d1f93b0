package dev.poststride.platforms.linkedin;

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
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;

/**
 * LinkedIn's versioned REST API as publishing uses it (platform-apis.md 2.2–2.6): posts, image and video uploads.
 * Every call carries {@code LinkedIn-Version} and {@code X-Restli-Protocol-Version: 2.0.0}.
 */
@Path("/rest")
@Produces(MediaType.APPLICATION_JSON)
@ClientHeaderParam(name = "X-Restli-Protocol-Version", value = "2.0.0")
interface LinkedInApi {

    @POST
    @Path("/posts")
    @Consumes(MediaType.APPLICATION_JSON)
    Response createPost(@HeaderParam("Authorization") String bearer, @HeaderParam("LinkedIn-Version") String version,
                        Map<String, Object> body);

    @POST
    @Path("/images")
    @Consumes(MediaType.APPLICATION_JSON)
    Response initializeImageUpload(@HeaderParam("Authorization") String bearer,
                                   @HeaderParam("LinkedIn-Version") String version,
                                   @QueryParam("action") String action, Map<String, Object> body);

    @POST
    @Path("/documents")
    @Consumes(MediaType.APPLICATION_JSON)
    Response initializeDocumentUpload(@HeaderParam("Authorization") String bearer,
                                      @HeaderParam("LinkedIn-Version") String version,
                                      @QueryParam("action") String action, Map<String, Object> body);

    @POST
    @Path("/videos")
    @Consumes(MediaType.APPLICATION_JSON)
    Response videoAction(@HeaderParam("Authorization") String bearer, @HeaderParam("LinkedIn-Version") String version,
                         @QueryParam("action") String action, Map<String, Object> body);

    @GET
    @Path("/videos/{urn}")
    Response video(@HeaderParam("Authorization") String bearer, @HeaderParam("LinkedIn-Version") String version,
                   @PathParam("urn") String urn);

    /** A comment on a post; {@code urn} already URL-encoded, as Rest.li wants a URN in a path. */
    @POST
    @Path("/socialActions/{urn}/comments")
    @Consumes(MediaType.APPLICATION_JSON)
    Response comment(@HeaderParam("Authorization") String bearer, @HeaderParam("LinkedIn-Version") String version,
                     @PathParam("urn") @jakarta.ws.rs.Encoded String urn, Map<String, Object> body);
}
