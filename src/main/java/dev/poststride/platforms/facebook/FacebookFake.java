package dev.poststride.platforms.facebook;

import dev.poststride.platforms.FakeAnswer;
import dev.poststride.platforms.FakeRequest;
import dev.poststride.platforms.FakeWorld;
import dev.poststride.platforms.PlatformFake;
import dev.poststride.platforms.SandboxFakes;
import dev.poststride.platforms.meta.MetaFakes;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Facebook Pages' fake, in Graph's shapes (platform-apis.md 3): Facebook Login and the user's one Page; feed posts,
 * photos (unpublished ones for multi-photo posts), videos, comments, and {@code published_posts}, which the look-up
 * after an unclear answer reads.
 */
@ApplicationScoped
@IfBuildProperty(name = SandboxFakes.ENABLED, stringValue = "true")
public class FacebookFake implements PlatformFake {

    private static final String KEY = FacebookModule.KEY.key();

    @Override
    public List<String> prefixes() {
        return List.of(KEY);
    }

    @Override
    public FakeAnswer answer(String prefix, FakeRequest r, FakeWorld world) {
        FakeAnswer shared = MetaFakes.login(KEY, r, world);
        if (shared == null) {
            shared = MetaFakes.comment(r, world);
        }
        if (shared != null) {
            return shared;
        }
        String[] s = r.segments();
        if (s.length == 1 && r.method().equals("GET")) {
            return FakeAnswer.json(Map.of("id", s[0], "name", "Sandbox Page",
                                          "permalink_url", "https://www.facebook.com/" + s[0]));
        }
        if (s.length != 2) {
            return null;
        }
        String page = s[0];
        return switch (r.method() + " " + s[1]) {
            case "POST feed" -> {
                FakeWorld.LivePost post = world.goLive(KEY, page, r.json().path("message").asText(""));
                yield FakeAnswer.json(Map.of("id", page + "_" + post.id()));
            }
            case "POST photos" -> {
                if (!r.json().path("published").asBoolean(true)) {
                    yield FakeAnswer.json(Map.of("id", world.newId("")));
                }
                FakeWorld.LivePost post = world.goLive(KEY, page, r.json().path("message").asText(""));
                yield FakeAnswer.json(Map.of("id", world.newId(""), "post_id", page + "_" + post.id()));
            }
            case "POST videos" -> {
                FakeWorld.LivePost post = world.goLive(KEY, page, r.json().path("description").asText(""));
                yield FakeAnswer.json(Map.of("id", post.id()));
            }
            case "GET published_posts" -> {
                List<Map<String, String>> data = new ArrayList<>();
                for (FakeWorld.LivePost post : world.posts(KEY, page)) {
                    data.add(Map.of("id", page + "_" + post.id(), "message", post.text(),
                                    "permalink_url", "https://www.facebook.com/" + page + "_" + post.id()));
                }
                yield FakeAnswer.json(Map.of("data", data));
            }
            default -> null;
        };
    }
}
