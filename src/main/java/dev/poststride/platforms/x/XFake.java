package dev.poststride.platforms.x;

import dev.poststride.platforms.FakeAnswer;
import dev.poststride.platforms.FakeRequest;
import dev.poststride.platforms.FakeWorld;
import dev.poststride.platforms.OAuthFake;
import dev.poststride.platforms.PlatformKey;
import dev.poststride.platforms.SandboxFakes;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * X's fake, in X's HTTP shapes (platform-apis.md 1), so the real client code runs against it: OAuth 2.0 with PKCE,
 * {@code /2/users/me}, posts, chunked media uploads, and the timeline the look-up after an unclear answer reads.
 */
@ApplicationScoped
@IfBuildProperty(name = SandboxFakes.ENABLED, stringValue = "true")
public class XFake extends OAuthFake {

    private static final String ACCOUNT = "1000000001";

    @Override
    protected PlatformKey platform() {
        return XModule.KEY;
    }

    @Override
    protected String account() {
        return ACCOUNT;
    }

    @Override
    protected long lifetimeSeconds() {
        return 7200;
    }

    @Override
    protected String scopes() {
        return "tweet.read tweet.write users.read media.write offline.access";
    }

    @Override
    protected FakeAnswer api(FakeRequest r, FakeWorld world) {
        String key = XModule.KEY.key();
        String[] s = r.segments();
        if (r.is("GET", "/2/users/me")) {
            return FakeAnswer.json(Map.of("data", Map.of("id", ACCOUNT, "username", "sandbox_x", "name", "Sandbox X")));
        }
        if (r.is("POST", "/2/oauth2/revoke")) {
            return FakeAnswer.json(Map.of("revoked", true));
        }
        if (r.is("POST", "/2/tweets")) {
            FakeWorld.LivePost post = world.goLive(key, world.accountOf(r.bearer()), r.json().path("text").asText(""));
            return FakeAnswer.json(201, Map.of("data", Map.of("id", post.id(), "text", post.text())));
        }
        if (r.is("POST", "/2/media/upload/initialize")) {
            String id = world.newId("");
            return FakeAnswer.json(Map.of("data", Map.of("id", id, "media_key", "3_" + id)));
        }
        if (r.method().equals("POST") && s.length == 5 && s[1].equals("media") && s[4].equals("append")) {
            return FakeAnswer.empty(204);
        }
        if (r.method().equals("POST") && s.length == 5 && s[1].equals("media") && s[4].equals("finalize")) {
            return FakeAnswer.json(Map.of("data", Map.of("id", s[3])));
        }
        if (r.method().equals("GET") && s.length == 4 && s[1].equals("users") && s[3].equals("tweets")) {
            List<Map<String, String>> data = new ArrayList<>();
            for (FakeWorld.LivePost post : world.posts(key, world.accountOf(r.bearer()))) {
                data.add(Map.of("id", post.id(), "text", post.text(), "created_at", post.created().toString()));
            }
            return FakeAnswer.json(data.isEmpty() ? Map.of("meta", Map.of("result_count", 0))
                                           : Map.of("data", data, "meta", Map.of("result_count", data.size())));
        }
        return null;
    }
}
