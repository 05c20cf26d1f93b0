package dev.poststride.platforms.threads;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

/**
 * The Threads API on {@code graph.threads.net/v1.0} (platform-apis-more.md 10.2–10.7): containers (form fields), then
 * {@code threads_publish}; a container's status; the profile, its recent posts and its publishing quota. The token
 * goes as Meta documents it for Threads, the {@code access_token} parameter: a form field of a POST, a query
 * parameter of a GET.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
interface ThreadsApi {

    /** A media container: TEXT, IMAGE, VIDEO, a carousel item or a CAROUSEL of them; a reply with reply_to_id. */
    @POST
    @Path("/{user}/threads")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Response createContainer(@PathParam("user") String userId, MultivaluedMap<String, String> form);


    @POST
    @Path("/{user}/threads_publish")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Response publish(@PathParam("user") String userId, MultivaluedMap<String, String> form);

    /** A container's status, a post's permalink, the profile ({@code me}): a node with the fields asked for. */
    @GET
    @Path("/{node}")
    Response node(@QueryParam("access_token") String token, @PathParam("node") String nodeId,
                  @QueryParam("fields") String fields);

    /** The profile's recent posts, newest first: the look-up after an unknown outcome. */
    @GET
    @Path("/{user}/threads")
    Response recent(@QueryParam("access_token") String token, @PathParam("user") String userId,
                    @QueryParam("fields") String fields, @QueryParam("limit") int limit);

    /** The profile's publishing quota (250 posts and 1,000 replies per rolling 24 hours). */
    @GET
    @Path("/{user}/threads_publishing_limit")
    Response publishingLimit(@QueryParam("access_token") String token, @PathParam("user") String userId,
                             @QueryParam("fields") String fields);
}
