package dev.poststride.platforms;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * The consent screen and OAuth token endpoint of a sandbox fake whose platform speaks OAuth 2.0 by the book (form
 * POSTs to its token endpoint: X, LinkedIn, TikTok); the module's fake adds its API.
 */
public abstract class OAuthSandbox {

    /** The platform, in the tokens handed out. */
    protected abstract PlatformKey platform();

    /** How long an access token lives. */
    protected abstract long lifetimeSeconds();

    protected abstract String scopes();

    /** What the platform's token answer carries besides OAuth's fields (TikTok's {@code open_id}). */
    protected Map<String, Object> extra() {
        return Map.of();
    }

    @GET
    @Path("/oauth/authorize")
    public Response authorize(@QueryParam("redirect_uri") String redirectUri, @QueryParam("state") String state,
                              @QueryParam("code_challenge") String challenge) {
        return SandboxFakes.consent(redirectUri, state, challenge);
    }

    @POST
    @Path("/oauth/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(@FormParam("grant_type") String grantType, @FormParam("code") String code,
                          @FormParam("code_verifier") String verifier, @FormParam("refresh_token") String refresh) {
        return SandboxFakes.tokens(platform().key(), grantType, code, verifier, refresh, lifetimeSeconds(), scopes(),
                                   extra());
    }
}
