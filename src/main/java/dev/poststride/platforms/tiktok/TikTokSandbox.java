package dev.poststride.platforms.tiktok;

import dev.poststride.platforms.SandboxFakes;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** TikTok for the dev sandbox, in TikTok's HTTP shapes and envelope (platform-apis.md 5). */
@Path("/sandbox/tiktok")
@IfBuildProperty(name = SandboxFakes.ENABLED, stringValue = "true")
public class TikTokSandbox {

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
        return SandboxFakes.tokens(TikTokModule.KEY.key(), grantType, code, verifier, refresh, 7200,
                                   "user.info.basic,video.publish,video.upload", Map.of("open_id", "sandbox-open-id"));
    }

    @GET
    @Path("/v2/user/info/")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> userInfo() {
        return envelope(Map.of("user", Map.of("open_id", "sandbox-open-id", "display_name", "Sandbox Creator")));
    }

    @POST
    @Path("/v2/oauth/revoke/")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> revoke() {
        return Map.of("error", Map.of("code", "ok", "message", "", "log_id", "sandbox"));
    }

    @POST
    @Path("/v2/post/publish/creator_info/query/")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> creator() {
        // Duets turned off, so a client can try how a creator's own switch refuses a choice.
        return envelope(Map.of("creator_username", "sandbox_creator", "creator_nickname", "Sandbox Creator",
                               "privacy_level_options", List.of("PUBLIC_TO_EVERYONE", "FOLLOWER_OF_CREATOR",
                                                                "SELF_ONLY"),
                               "comment_disabled", false, "duet_disabled", true, "stitch_disabled", false,
                               "max_video_post_duration_sec", 600));
    }

    @POST
    @Path("/v2/post/publish/{kind}/init/")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> init() {
        return envelope(Map.of("publish_id", "sandbox_pub~" + SandboxFakes.numericId()));
    }

    @POST
    @Path("/v2/post/publish/status/fetch/")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> status() {
        return envelope(Map.of("status", "PUBLISH_COMPLETE", "publicaly_available_post_id",
                               List.of(SandboxFakes.numericId())));
    }

    private static Map<String, Object> envelope(Map<String, Object> data) {
        return Map.of("data", data, "error", Map.of("code", "ok", "message", "", "log_id", "sandbox"));
    }
}
