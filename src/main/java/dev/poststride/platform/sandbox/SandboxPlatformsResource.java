package dev.poststride.platform.sandbox;

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
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Fake X, LinkedIn, Facebook, Instagram and TikTok for the dev sandbox, speaking the same HTTP shapes as the real
 * APIs (platform-apis.md) so that the real client code runs against them. The consent step approves at once.
 * Compiled only into builds with {@code poststride.sandbox.enabled=true} (dev and test), never into prod.
 *
 * <p>Stateless on purpose: codes carry the PKCE challenge they were issued for, tokens are random and every
 * refresh hands out a new refresh token, as rotating platforms do.
 */
@Path("/sandbox/{platform}")
@Tag(name = "Dev sandbox")
@IfBuildProperty(name = "poststride.sandbox.enabled", stringValue = "true")
public class SandboxPlatformsResource {

    private final String sandboxBase;

    SandboxPlatformsResource(dev.poststride.platform.SandboxConfig config) {
        this.sandboxBase = config.baseUrl().endsWith("/") ? config.baseUrl().substring(0, config.baseUrl().length() - 1)
                : config.baseUrl();
    }

    /** The sandbox "platform" of Instagram Login (PlatformEndpoints) and the professional account it grants. */
    private static final String INSTAGRAM_LOGIN = "instagram-login";
    private static final String INSTAGRAM_LOGIN_ACCOUNT = "sandbox-ig-pro-1";
    private static final long TWO_HOURS = 7200;
    private static final long SIXTY_DAYS = 5_184_000;

    @GET
    @Path("/oauth/authorize")
    @Operation(summary = "Consent screen that approves at once: back to redirect_uri with a code")
    public Response authorize(@QueryParam("redirect_uri") String redirectUri, @QueryParam("state") String state,
                              @QueryParam("code_challenge") String challenge) {
        if (redirectUri == null || !redirectUri.contains("/api/platforms/") || state == null) {
            return Response.status(400).entity(Map.of("error", "invalid_request")).build();
        }
        String code = "sbx." + (challenge == null ? "-" : challenge) + "." + UUID.randomUUID();
        URI target = UriBuilder.fromUri(redirectUri).queryParam("code", code).queryParam("state", state).build();
        return Response.status(Response.Status.FOUND).location(target).build();
    }

    /** The token endpoint of X, LinkedIn and TikTok (form POST). */
    @POST
    @Path("/oauth/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(@PathParam("platform") String platform, @FormParam("grant_type") String grantType,
                          @FormParam("code") String code, @FormParam("code_verifier") String verifier,
                          @FormParam("refresh_token") String refreshToken) {
        if ("authorization_code".equals(grantType)) {
            if (!codeMatches(code, verifier)) {
                return Response.status(400).entity(Map.of("error", "invalid_grant",
                                                          "error_description", "code or code_verifier is wrong"))
                        .build();
            }
        } else if (!"refresh_token".equals(grantType) || refreshToken == null) {
            return Response.status(400).entity(Map.of("error", "unsupported_grant_type")).build();
        }
        if (INSTAGRAM_LOGIN.equals(platform)) { // a short-lived (1 h) token and the account, no refresh token
            return Response.ok(Map.of("data", List.of(Map.of(
                    "access_token", token(platform, "short"), "user_id", INSTAGRAM_LOGIN_ACCOUNT,
                    "permissions", "instagram_business_basic,instagram_business_content_publish,"
                                   + "instagram_business_manage_comments")))).build();
        }
        long lifetime = "linkedin".equals(platform) ? SIXTY_DAYS : TWO_HOURS;
        return Response.ok(Map.of("access_token", token(platform, "access"), "token_type", "bearer",
                                  "expires_in", lifetime, "refresh_token", token(platform, "refresh"),
                                  "refresh_expires_in", 15_552_000, "scope", scopes(platform),
                                  "open_id", "sandbox-open-id")).build();
    }

    /** Meta's token endpoint (GET): code exchange and long-lived exchange alike. */
    @GET
    @Path("/oauth/token")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> metaToken(@PathParam("platform") String platform) {
        return Map.of("access_token", token(platform, "user"), "token_type", "bearer", "expires_in", SIXTY_DAYS);
    }

    /** Instagram Login: the long-lived exchange ({@code ig_exchange_token}) and renewal ({@code ig_refresh_token}). */
    @GET
    @Path("/access_token")
    @Produces(MediaType.APPLICATION_JSON)
    public Response instagramLoginExchange(@QueryParam("grant_type") String grantType,
                                           @QueryParam("access_token") String accessToken) {
        return instagramLoginToken("ig_exchange_token", grantType, accessToken);
    }

    @GET
    @Path("/refresh_access_token")
    @Produces(MediaType.APPLICATION_JSON)
    public Response instagramLoginRefresh(@QueryParam("grant_type") String grantType,
                                          @QueryParam("access_token") String accessToken) {
        return instagramLoginToken("ig_refresh_token", grantType, accessToken);
    }

    private static Response instagramLoginToken(String expected, String grantType, String accessToken) {
        if (accessToken == null || !accessToken.startsWith("sandbox-" + INSTAGRAM_LOGIN)
            || !expected.equals(grantType)) {
            return Response.status(400).entity(Map.of("error", Map.of(
                    "message", "Invalid OAuth access token", "type", "OAuthException", "code", 190))).build();
        }
        return Response.ok(Map.of("access_token", token(INSTAGRAM_LOGIN, "long"), "token_type", "bearer",
                                  "expires_in", SIXTY_DAYS)).build();
    }

    /** Instagram Login's {@code /me}: the professional account the token was granted for. */
    @GET
    @Path("/me")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> instagramLoginMe() {
        return Map.of("id", "sandbox-app-user", "user_id", INSTAGRAM_LOGIN_ACCOUNT, "username", "sandbox_insta_pro",
                      "name", "Sandbox Instagram (no Page)");
    }

    @GET
    @Path("/2/users/me")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> xMe() {
        return Map.of("data", Map.of("id", "1000000001", "username", "sandbox_x", "name", "Sandbox X"));
    }

    @POST
    @Path("/2/oauth2/revoke")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> xRevoke() {
        return Map.of("revoked", true);
    }

    @GET
    @Path("/v2/userinfo")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> linkedInUserinfo() {
        return Map.of("sub", "sandbox-member", "name", "Sandbox Member");
    }

    @GET
    @Path("/me/accounts")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> metaPages(@PathParam("platform") String platform) {
        return Map.of("data", List.of(Map.of("id", "sandbox-page-1", "name", "Sandbox Page",
                                             "access_token", token(platform, "page"),
                                             "tasks", List.of("CREATE_CONTENT", "MANAGE"),
                                             "instagram_business_account", Map.of("id", "sandbox-ig-1"))));
    }

    /** A Graph node: an Instagram account's profile, a container's status, a media item's permalink. */
    @GET
    @Path("/{node}")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> metaNode(@PathParam("node") String node) {
        return Map.of("id", node, "username", "sandbox_insta", "name", "Sandbox Instagram", "status_code", "FINISHED",
                      "permalink", "https://www.instagram.com/p/" + node + "/");
    }

    // ---- publishing ------------------------------------------------------------------------------------------------

    @POST
    @Path("/2/tweets")
    @Produces(MediaType.APPLICATION_JSON)
    public Response xPost() {
        return Response.status(201).entity(Map.of("data", Map.of("id", numericId()))).build();
    }

    @POST
    @Path("/2/media/upload/initialize")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> xMediaInitialize() {
        return Map.of("data", Map.of("id", numericId()));
    }

    @POST
    @Path("/2/media/upload/{id}/append")
    public Response xMediaAppend() {
        return Response.noContent().build();
    }

    @POST
    @Path("/2/media/upload/{id}/finalize")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> xMediaFinalize(@PathParam("id") String id) {
        return Map.of("data", Map.of("id", id));
    }

    @GET
    @Path("/2/users/{id}/tweets")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> xRecentPosts() {
        return Map.of("meta", Map.of("result_count", 0));
    }

    @POST
    @Path("/rest/posts")
    public Response linkedInPost() {
        return Response.status(201).header("x-restli-id", "urn:li:share:" + numericId()).build();
    }

    @POST
    @Path("/rest/images")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> linkedInImage(@PathParam("platform") String platform) {
        return Map.of("value", Map.of("uploadUrl", uploadUrl(platform), "image", "urn:li:image:" + numericId()));
    }

    /** The member administers one Company Page, so the sandbox connects it beside the member. */
    @GET
    @Path("/rest/organizationAcls")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> linkedInPages() {
        return Map.of("elements", List.of(Map.of("organization", "urn:li:organization:1001", "role", "ADMINISTRATOR",
                                                 "state", "APPROVED")));
    }

    @GET
    @Path("/rest/organizations/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> linkedInPage(@PathParam("id") String id) {
        return Map.of("id", id, "localizedName", "Sandbox Company");
    }

    @POST
    @Path("/rest/documents")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> linkedInDocument(@PathParam("platform") String platform) {
        return Map.of("value", Map.of("uploadUrl", uploadUrl(platform), "document", "urn:li:document:D" + numericId()));
    }

    @POST
    @Path("/rest/videos")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> linkedInVideo(@PathParam("platform") String platform) {
        return Map.of("value", Map.of("video", "urn:li:video:" + numericId(), "uploadToken", "",
                                      "uploadInstructions", List.of(Map.of("uploadUrl", uploadUrl(platform),
                                                                           "firstByte", 0, "lastByte", Long.MAX_VALUE / 2))));
    }

    @GET
    @Path("/rest/videos/{urn}")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> linkedInVideoStatus() {
        return Map.of("status", "AVAILABLE");
    }

    @jakarta.ws.rs.PUT
    @Path("/uploads/{id}")
    public Response upload() {
        return Response.status(201).header("etag", "sandbox-etag").build();
    }

    @POST
    @Path("/{page}/feed")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> facebookFeed(@PathParam("page") String page) {
        return Map.of("id", page + "_" + numericId());
    }

    @POST
    @Path("/{page}/photos")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> facebookPhoto(@PathParam("page") String page) {
        String id = numericId();
        return Map.of("id", id, "post_id", page + "_" + id);
    }

    @POST
    @Path("/{page}/videos")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> facebookVideo() {
        return Map.of("id", numericId());
    }

    @GET
    @Path("/{page}/published_posts")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> facebookPublished() {
        return Map.of("data", List.of());
    }

    @POST
    @Path("/{ig}/media")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> instagramContainer() {
        return Map.of("id", "container-" + numericId());
    }

    @POST
    @Path("/{ig}/media_publish")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> instagramPublish() {
        return Map.of("id", numericId());
    }

    @GET
    @Path("/{ig}/media")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> instagramRecent() {
        return Map.of("data", List.of());
    }

    /** Instagram's publishing quota: plenty left. */
    @GET
    @Path("/{ig}/content_publishing_limit")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> instagramQuota() {
        return Map.of("data", List.of(Map.of("quota_usage", 0, "config", Map.of("quota_total", 100,
                                                                               "quota_duration", 86_400))));
    }

    /** First comments: Facebook and Instagram ({@code /{object}/comments}) and LinkedIn (socialActions). */
    @POST
    @Path("/{object}/comments")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> metaComment(@PathParam("object") String object) {
        return Map.of("id", object + "_" + numericId());
    }

    @POST
    @Path("/rest/socialActions/{urn}/comments")
    public Response linkedInComment() {
        return Response.status(201).header("x-restli-id", "urn:li:comment:(urn:li:activity:" + numericId() + ","
                                                          + numericId() + ")").build();
    }

    @POST
    @Path("/v2/post/publish/creator_info/query/")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> tikTokCreator() {
        // Duets turned off, so a client can try how a creator's own switch refuses a choice.
        return tikTok(Map.of("creator_username", "sandbox_creator", "creator_nickname", "Sandbox Creator",
                             "privacy_level_options", List.of("PUBLIC_TO_EVERYONE", "FOLLOWER_OF_CREATOR",
                                                              "SELF_ONLY"),
                             "comment_disabled", false, "duet_disabled", true, "stitch_disabled", false,
                             "max_video_post_duration_sec", 600));
    }

    @POST
    @Path("/v2/post/publish/{kind}/init/")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> tikTokInit() {
        return tikTok(Map.of("publish_id", "sandbox_pub~" + numericId()));
    }

    @POST
    @Path("/v2/post/publish/status/fetch/")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> tikTokStatus() {
        return tikTok(Map.of("status", "PUBLISH_COMPLETE", "publicaly_available_post_id", List.of(numericId())));
    }

    private static Map<String, Object> tikTok(Map<String, Object> data) {
        return Map.of("data", data, "error", Map.of("code", "ok", "message", "", "log_id", "sandbox"));
    }

    private String uploadUrl(String platform) {
        return sandboxBase + "/" + platform + "/uploads/" + UUID.randomUUID();
    }

    private static String numericId() {
        return Long.toString(1_000_000_000L + (long) (Math.random() * 8_000_000_000L));
    }

    @GET
    @Path("/v2/user/info/")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> tikTokUserInfo() {
        return Map.of("data", Map.of("user", Map.of("open_id", "sandbox-open-id", "display_name", "Sandbox Creator")),
                      "error", Map.of("code", "ok", "message", "", "log_id", "sandbox"));
    }

    @POST
    @Path("/v2/oauth/revoke/")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> tikTokRevoke() {
        return Map.of("error", Map.of("code", "ok", "message", "", "log_id", "sandbox"));
    }

    private static boolean codeMatches(String code, String verifier) {
        if (code == null || !code.startsWith("sbx.")) {
            return false;
        }
        String challenge = code.split("\\.", 3)[1];
        if ("-".equals(challenge)) {
            return true;
        }
        return verifier != null && challenge.equals(s256(verifier));
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String token(String platform, String kind) {
        return "sandbox-" + platform + "-" + kind + "-" + UUID.randomUUID();
    }

    private static String scopes(String platform) {
        return switch (platform) {
            case "x" -> "tweet.read tweet.write users.read media.write offline.access";
            case "tiktok" -> "user.info.basic,video.publish,video.upload";
            case "linkedin" -> "openid profile w_member_social w_organization_social rw_organization_admin";
            default -> "openid profile w_member_social";
        };
    }
}
