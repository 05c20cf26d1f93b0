package dev.poststride.platforms.tiktok;

import dev.poststride.platforms.OAuthSandbox;
import dev.poststride.platforms.PlatformKey;
import dev.poststride.platforms.SandboxFakes;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** TikTok for the dev sandbox, in TikTok's HTTP shapes and envelope (platform-apis.md 5). */
@Path("/sandbox/tiktok")
@IfBuildProperty(name = SandboxFakes.ENABLED, stringValue = "true")
public class TikTokSandbox extends OAuthSandbox {

    @Override
    protected PlatformKey platform() {
        return TikTokModule.KEY;
    }

    @Override
    protected long lifetimeSeconds() {
        return 7200;
    }

    @Override
    protected String scopes() {
        return "user.info.basic,video.publish,video.upload";
    }

    @Override
    protected Map<String, Object> extra() {
        return Map.of("open_id", "sandbox-open-id");
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
