package dev.poststride.platforms.instagram;

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
 * Instagram's fake, in Graph's shapes (platform-apis.md 4): through Facebook Login under {@code instagram} (the
 * user's Page, linked to an Instagram business account), and Instagram Login under {@code instagram-login} (a
 * professional account without a Page: a short-lived token wrapped in {@code data}, then 60-day tokens). Publishing
 * answers the same on both: containers that are ready at once and publish once, the publishing quota, recent media
 * (the look-up after an unclear answer), comments.
 */
@ApplicationScoped
@IfBuildProperty(name = SandboxFakes.ENABLED, stringValue = "true")
public class InstagramFake implements PlatformFake {

    /** Where Instagram Login is served. */
    static final String LOGIN = "instagram-login";
    private static final String KEY = InstagramModule.KEY.key();
    private static final String PRO_ACCOUNT = "sandbox-ig-pro-1";

    @Override
    public List<String> prefixes() {
        return List.of(KEY, LOGIN);
    }

    @Override
    public FakeAnswer answer(String prefix, FakeRequest r, FakeWorld world) {
        FakeAnswer login = prefix.equals(LOGIN) ? instagramLogin(r, world) : MetaFakes.login(KEY, r, world);
        if (login != null) {
            return login;
        }
        FakeAnswer comment = MetaFakes.comment(r, world);
        return comment != null ? comment : publishing(r, world);
    }

    private static FakeAnswer publishing(FakeRequest r, FakeWorld world) {
        String[] s = r.segments();
        String what = r.method() + " " + (s.length == 2 ? s[1] : s.length == 1 ? "node" : "");
        return switch (what) {
            case "POST media" -> {
                String caption = r.json().path("caption").asText(null);
                if (caption != null) {
                    world.sent(KEY, caption);
                }
                yield FakeAnswer.json(Map.of("id", world.hold(KEY, "c", s[0], caption, "FINISHED")));
            }
            case "POST media_publish" -> {
                FakeWorld.Pending container = world.pending(KEY, r.json().path("creation_id").asText(""));
                if (container == null) {
                    yield FakeAnswer.json(400, Map.of("error", Map.of("message", "Invalid creation_id", "code", 100)));
                }
                yield FakeAnswer.json(Map.of("id", container.publish(world, KEY, "PUBLISHED")));
            }
            case "GET content_publishing_limit" -> FakeAnswer.json(Map.of("data", List.of(Map.of(
                    "quota_usage", 0, "config", Map.of("quota_total", 100, "quota_duration", 86_400)))));
            case "GET media" -> {
                List<Map<String, String>> data = new ArrayList<>();
                for (FakeWorld.LivePost post : world.posts(KEY, s[0])) {
                    data.add(Map.of("id", post.id(), "caption", post.text() == null ? "" : post.text(),
                                    "permalink", "https://www.instagram.com/p/" + post.id() + "/"));
                }
                yield FakeAnswer.json(Map.of("data", data));
            }
            case "GET node" -> {
                FakeWorld.Pending container = world.pending(KEY, s[0]);
                if (container != null) {
                    yield FakeAnswer.json(Map.of("id", s[0], "status_code", container.status(),
                                                 "status", container.status()));
                }
                // An account's profile or a media item's permalink.
                yield FakeAnswer.json(Map.of("id", s[0], "username", "sandbox_insta", "name", "Sandbox Instagram",
                                             "permalink", "https://www.instagram.com/p/" + s[0] + "/"));
            }
            default -> null;
        };
    }

    /** Instagram Login's consent, token, long-lived exchange, renewal and {@code /me}; else null. */
    private static FakeAnswer instagramLogin(FakeRequest r, FakeWorld world) {
        if (r.is("GET", "/oauth/authorize")) {
            return SandboxFakes.consent(r);
        }
        if (r.is("POST", "/oauth/token")) {
            FakeAnswer refused = SandboxFakes.refusal(r);
            return refused != null ? refused : FakeAnswer.json(Map.of("data", List.of(Map.of(
                    "access_token", world.token(LOGIN, "short", PRO_ACCOUNT), "user_id", PRO_ACCOUNT,
                    "permissions", "instagram_business_basic,instagram_business_content_publish,"
                                   + "instagram_business_manage_comments"))));
        }
        if (r.is("GET", "/access_token")) {
            return longLived("ig_exchange_token", r, world);
        }
        if (r.is("GET", "/refresh_access_token")) {
            return longLived("ig_refresh_token", r, world);
        }
        if (r.is("GET", "/me")) {
            return FakeAnswer.json(Map.of("id", "sandbox-app-user", "user_id", PRO_ACCOUNT,
                                          "username", "sandbox_insta_pro", "name", "Sandbox Instagram (no Page)"));
        }
        return null;
    }

    /** The 60-day token, for a token this fake handed out and the grant the step expects. */
    private static FakeAnswer longLived(String expectedGrant, FakeRequest r, FakeWorld world) {
        String accessToken = r.query().get("access_token");
        if (accessToken == null || !accessToken.startsWith("sandbox-" + LOGIN)
            || !expectedGrant.equals(r.query().get("grant_type"))) {
            return FakeAnswer.json(400, Map.of("error", Map.of("message", "Invalid OAuth access token",
                                                               "type", "OAuthException", "code", 190)));
        }
        return FakeAnswer.json(Map.of("access_token", world.token(LOGIN, "long", PRO_ACCOUNT), "token_type", "bearer",
                                      "expires_in", 5_184_000));
    }
}
