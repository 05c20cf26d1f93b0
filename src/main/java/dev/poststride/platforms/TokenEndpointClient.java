package dev.poststride.platforms;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * A platform's OAuth token endpoint ({@code platforms.<key>.token-url} is the whole URL, so the path is empty).
 * Answers are read raw: errors come as JSON bodies the caller classifies.
 */
@Path("")
public interface TokenEndpointClient {

    /** The standard form-encoded POST (X, LinkedIn, TikTok); {@code authorization} null for none. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    Response post(@HeaderParam("Authorization") String authorization, MultivaluedMap<String, String> form);

    /** Meta's GET with query parameters (code exchange and long-lived token exchange). */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Response get(@RestQuery Map<String, String> query);
}
