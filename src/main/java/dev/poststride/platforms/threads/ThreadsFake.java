package dev.poststride.platforms.threads;

import dev.poststride.platforms.FakeAnswer;
import dev.poststride.platforms.FakeRequest;
import dev.poststride.platforms.FakeWorld;
import dev.poststride.platforms.PlatformFake;
import dev.poststride.platforms.SandboxFakes;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Threads' fake, in its shapes (platform-apis-more.md 10, "Notes for fakes"): consent, the one-hour token, the 60-day
 * exchange and renewal, {@code /me}; containers (form fields or query parameters) that are ready at once, publish
 * once and then say {@code PUBLISHED}; the publishing quota; the profile's recent posts (the look-up after an unclear
 * answer). A token is taken from the {@code access_token} parameter, as Threads takes it.
 */
@ApplicationScoped
@IfBuildProperty(name = SandboxFakes.ENABLED, stringValue = "true")
public class ThreadsFake implements PlatformFake {

    private static final String KEY = ThreadsModule.KEY.key();
    private static final String PROFILE = "sandbox-threads-1";

    @Override
    public List<String> prefixes() {
        return List.of(KEY);
    }

    @Override
    public FakeAnswer answer(String prefix, FakeRequest r, FakeWorld world) {
        FakeAnswer login = login(r, world);
        return login != null ? login : publishing(r, world);
    }

    private static FakeAnswer login(FakeRequest r, FakeWorld world) {
        if (r.is("GET", "/oauth/authorize")) {
            return SandboxFakes.consent(r);
        }
        if (r.is("POST", "/oauth/token") || r.is("POST", "/oauth/access_token")) {
            FakeAnswer refused = SandboxFakes.refusal(r);
            return refused != null ? refused : FakeAnswer.json(Map.of(
                    "access_token", world.token(KEY, "short", PROFILE), "user_id", PROFILE));
        }
        if (r.is("GET", "/access_token")) {
            return longLived("th_exchange_token", r, world);
        }
        if (r.is("GET", "/refresh_access_token")) {
            return longLived("th_refresh_token", r, world);
        }
        return null;
    }

    /** The 60-day token, for a token this fake handed out and the grant the step expects. */
    private static FakeAnswer longLived(String expectedGrant, FakeRequest r, FakeWorld world) {
        String accessToken = r.param("access_token");
        if (accessToken == null || !accessToken.startsWith("sandbox-" + KEY) || !expectedGrant.equals(
                r.param("grant_type"))) {
            return FakeAnswer.json(400, Map.of("error", Map.of("message", "Error validating access token",
                                                               "type", "OAuthException", "code", 190)));
        }
        return FakeAnswer.json(Map.of("access_token", world.token(KEY, "long", PROFILE), "token_type", "bearer",
                                      "expires_in", 5_183_944));
    }

    private static FakeAnswer publishing(FakeRequest r, FakeWorld world) {
        String[] s = r.segments();
        if (s.length > 0 && s[0].matches("v\\d+(\\.\\d+)?")) {
            s = java.util.Arrays.copyOfRange(s, 1, s.length); // under a version, as graph.threads.net/v1.0 is
        }
        if (s.length == 0) {
            return null;
        }
        String node = s[0];
        String what = r.method() + " " + (s.length == 2 ? s[1] : s.length == 1 ? "node" : "");
        String account = node.equals("me") ? PROFILE : node;
        return switch (what) {
            case "POST threads" -> {
                String text = r.param("text");
                boolean item = "true".equals(r.param("is_carousel_item"));
                if (!item && text != null) {
                    world.sent(KEY, text);
                }
                yield FakeAnswer.json(Map.of("id", world.hold(KEY, "c", account, item ? null : text, "FINISHED")));
            }
            case "POST threads_publish" -> {
                FakeWorld.Pending container = world.pending(KEY, r.param("creation_id") == null ? ""
                        : r.param("creation_id"));
                if (container == null) {
                    yield FakeAnswer.json(400, Map.of("error", Map.of("message", "Invalid creation_id", "code",
                                                                      100)));
                }
                yield FakeAnswer.json(Map.of("id", container.publish(world, KEY, "PUBLISHED")));
            }
            case "GET threads_publishing_limit" -> FakeAnswer.json(Map.of("data", List.of(Map.of(
                    "quota_usage", 0, "config", Map.of("quota_total", 250, "quota_duration", 86_400),
                    "reply_quota_usage", 0, "reply_config", Map.of("quota_total", 1000, "quota_duration", 86_400)))));
            case "GET threads" -> {
                List<Map<String, String>> data = new ArrayList<>();
                for (FakeWorld.LivePost post : world.posts(KEY, account)) {
                    data.add(Map.of("id", post.id(), "text", post.text() == null ? "" : post.text(),
                                    "permalink", "https://www.threads.com/@sandbox_threads/post/" + post.id()));
                }
                yield FakeAnswer.json(Map.of("data", data));
            }
            case "GET node" -> {
                FakeWorld.Pending container = world.pending(KEY, node);
                if (container != null) {
                    yield FakeAnswer.json(Map.of("id", node, "status", container.status()));
                }
                // The profile, or a post's permalink.
                yield FakeAnswer.json(Map.of("id", account, "username", "sandbox_threads",
                                             "permalink", "https://www.threads.com/@sandbox_threads/post/" + node));
            }
            default -> null;
        };
    }
}
