package dev.poststride.platforms.instagram;

import dev.poststride.platforms.SandboxFakes;
import dev.poststride.platforms.meta.MetaSandbox;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * Instagram for the dev sandbox, in Graph's shapes (platform-apis.md 4): through Facebook Login at
 * {@code /sandbox/instagram}, and Instagram Login as a platform of its own at {@code /sandbox/instagram-login} (a
 * professional account without a Page). Publishing answers the same on both.
 */
@IfBuildProperty(name = SandboxFakes.ENABLED, stringValue = "true")
@Produces(MediaType.APPLICATION_JSON)
public abstract class InstagramSandbox {

    @GET
    @Path("/oauth/authorize")
    public Response authorize(@QueryParam("redirect_uri") String redirectUri, @QueryParam("state") String state) {
        return SandboxFakes.consent(redirectUri, state, null);
    }

    @GET
    @Path("/{node}")
    public Map<String, Object> node(@PathParam("node") String node) {
        return MetaSandbox.node(node);
    }

    @POST
    @Path("/{ig}/media")
    public Map<String, Object> container() {
        return Map.of("id", "container-" + SandboxFakes.numericId());
    }

    @POST
    @Path("/{ig}/media_publish")
    public Map<String, Object> publish() {
        return Map.of("id", SandboxFakes.numericId());
    }

    @GET
    @Path("/{ig}/media")
    public Map<String, Object> recent() {
        return Map.of("data", List.of());
    }

    /** The publishing quota: plenty left. */
    @GET
    @Path("/{ig}/content_publishing_limit")
    public Map<String, Object> quota() {
        return Map.of("data", List.of(Map.of("quota_usage", 0, "config", Map.of("quota_total", 100,
                                                                               "quota_duration", 86_400))));
    }

    @POST
    @Path("/{object}/comments")
    public Map<String, Object> comment(@PathParam("object") String object) {
        return MetaSandbox.comment(object);
    }

    /** Instagram through Facebook Login: the user's Page, linked to an Instagram business account. */
    @Path("/sandbox/instagram")
    @IfBuildProperty(name = SandboxFakes.ENABLED, stringValue = "true")
    public static class LinkedToPage extends InstagramSandbox {

        private static final String KEY = InstagramModule.KEY.key();

        @GET
        @Path("/oauth/token")
        public Map<String, Object> token() {
            return MetaSandbox.userToken(KEY);
        }

        @GET
        @Path("/me/accounts")
        public Map<String, Object> pages() {
            return MetaSandbox.pages(KEY);
        }
    }

    /** Instagram Login: a short-lived token wrapped in {@code data}, then 60-day tokens, and {@code /me}. */
    @Path("/sandbox/instagram-login")
    @IfBuildProperty(name = SandboxFakes.ENABLED, stringValue = "true")
    public static class InstagramLogin extends InstagramSandbox {

        static final String NAME = "instagram-login";
        private static final String ACCOUNT = "sandbox-ig-pro-1";

        @POST
        @Path("/oauth/token")
        @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
        public Response token(@FormParam("grant_type") String grantType, @FormParam("code") String code) {
            Response refused = SandboxFakes.refusal(grantType, code, null, null);
            if (refused != null) {
                return refused;
            }
            return Response.ok(Map.of("data", List.of(Map.of(
                    "access_token", SandboxFakes.token(NAME, "short"), "user_id", ACCOUNT,
                    "permissions", "instagram_business_basic,instagram_business_content_publish,"
                                   + "instagram_business_manage_comments")))).build();
        }

        /** The long-lived exchange ({@code ig_exchange_token}). */
        @GET
        @Path("/access_token")
        public Response exchange(@QueryParam("grant_type") String grantType,
                                 @QueryParam("access_token") String accessToken) {
            return longLived("ig_exchange_token", grantType, accessToken);
        }

        /** The renewal ({@code ig_refresh_token}). */
        @GET
        @Path("/refresh_access_token")
        public Response refresh(@QueryParam("grant_type") String grantType,
                                @QueryParam("access_token") String accessToken) {
            return longLived("ig_refresh_token", grantType, accessToken);
        }

        /** The professional account the token was granted for. */
        @GET
        @Path("/me")
        public Map<String, Object> me() {
            return Map.of("id", "sandbox-app-user", "user_id", ACCOUNT, "username", "sandbox_insta_pro",
                          "name", "Sandbox Instagram (no Page)");
        }

        private static Response longLived(String expected, String grantType, String accessToken) {
            if (accessToken == null || !accessToken.startsWith("sandbox-" + NAME) || !expected.equals(grantType)) {
                return Response.status(400).entity(Map.of("error", Map.of(
                        "message", "Invalid OAuth access token", "type", "OAuthException", "code", 190))).build();
            }
            return Response.ok(Map.of("access_token", SandboxFakes.token(NAME, "long"), "token_type", "bearer",
                                      "expires_in", 5_184_000)).build();
        }
    }
}
