package dev.poststride.platforms.tiktok;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poststride.platforms.FakeAnswer;
import dev.poststride.platforms.FakeRequest;
import dev.poststride.platforms.FakeWorld;
import dev.poststride.platforms.OAuthFake;
import dev.poststride.platforms.PlatformKey;
import dev.poststride.platforms.SandboxFakes;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * TikTok's fake, in TikTok's HTTP shapes and envelope (platform-apis.md 5): the creator's info (duets turned off, so a
 * client can try how a creator's own switch refuses a choice), video and photo posts published at once, and the
 * status look-up by publish id.
 */
@ApplicationScoped
@IfBuildProperty(name = SandboxFakes.ENABLED, stringValue = "true")
public class TikTokFake extends OAuthFake {

    private static final String OPEN_ID = "sandbox-open-id";

    @Override
    protected PlatformKey platform() {
        return TikTokModule.KEY;
    }

    @Override
    protected String account() {
        return OPEN_ID;
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
        return Map.of("open_id", OPEN_ID);
    }

    @Override
    protected FakeAnswer api(FakeRequest r, FakeWorld world) {
        String key = TikTokModule.KEY.key();
        if (r.is("GET", "/v2/user/info/")) {
            return envelope(Map.of("user", Map.of("open_id", OPEN_ID, "display_name", "Sandbox Creator")));
        }
        if (r.is("POST", "/v2/oauth/revoke/")) {
            return FakeAnswer.json(Map.of("error", ok()));
        }
        if (r.is("POST", "/v2/post/publish/creator_info/query/")) {
            return envelope(Map.of("creator_username", "sandbox_creator", "creator_nickname", "Sandbox Creator",
                                   "privacy_level_options", List.of("PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS",
                                                                    "FOLLOWER_OF_CREATOR", "SELF_ONLY"),
                                   "comment_disabled", false, "duet_disabled", true, "stitch_disabled", false,
                                   "max_video_post_duration_sec", 600));
        }
        if (r.is("POST", "/v2/post/publish/video/init/") || r.is("POST", "/v2/post/publish/content/init/")) {
            JsonNode info = r.json().path("post_info");
            String text = info.has("description") ? info.path("description").asText("")
                    : info.path("title").asText("");
            String publishId = world.hold(key, "v_pub_url~", world.accountOf(r.bearer()), text, "PROCESSING_UPLOAD");
            world.pending(key, publishId).publish(world, key, "PUBLISH_COMPLETE");
            return envelope(Map.of("publish_id", publishId));
        }
        if (r.is("POST", "/v2/post/publish/status/fetch/")) {
            FakeWorld.Pending publish = world.pending(key, r.json().path("publish_id").asText(""));
            if (publish == null) {
                return FakeAnswer.json(400, Map.of("error", Map.of("code", "invalid_params",
                                                                   "message", "publish_id not found",
                                                                   "log_id", "fake")));
            }
            return envelope(Map.of("status", publish.status(),
                                   "publicaly_available_post_id", List.of(Long.parseLong(publish.mediaId()))));
        }
        return null;
    }

    private static Map<String, Object> ok() {
        return Map.of("code", "ok", "message", "", "log_id", "fake");
    }

    private static FakeAnswer envelope(Map<String, Object> data) {
        return FakeAnswer.json(Map.of("data", data, "error", ok()));
    }
}
