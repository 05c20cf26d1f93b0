package dev.poststride.platforms.meta;

import dev.poststride.platforms.FakeAnswer;
import dev.poststride.platforms.FakeRequest;
import dev.poststride.platforms.FakeWorld;
import dev.poststride.platforms.SandboxFakes;
import java.util.List;
import java.util.Map;

/**
 * What the fakes of Meta's platforms (Facebook, Instagram) answer alike, in Graph's shapes (platform-apis.md 3 and
 * 4): Facebook Login's consent and token endpoint, the user's one Page (linked to an Instagram account), the identity
 * check, a comment.
 */
public final class MetaFakes {

    public static final String PAGE = "sandbox-page-1";
    public static final String INSTAGRAM_ACCOUNT = "sandbox-ig-1";

    private MetaFakes() {
    }

    /** Facebook Login ({@code /oauth/authorize}, {@code /oauth/token}), {@code /me/accounts}, {@code /me}; else null. */
    public static FakeAnswer login(String platform, FakeRequest r, FakeWorld world) {
        if (r.is("GET", "/oauth/authorize")) {
            return SandboxFakes.consent(r);
        }
        if (r.is("GET", "/oauth/token")) {
            // The code exchange and the long-lived exchange alike.
            return FakeAnswer.json(Map.of("access_token", world.token(platform, "user", "sandbox-user"),
                                          "token_type", "bearer", "expires_in", 5_184_000));
        }
        if (r.is("GET", "/me/accounts")) {
            return FakeAnswer.json(Map.of("data", List.of(Map.of(
                    "id", PAGE, "name", "Sandbox Page", "access_token", world.token(platform, "page", PAGE),
                    "tasks", List.of("CREATE_CONTENT", "MANAGE"),
                    "instagram_business_account", Map.of("id", INSTAGRAM_ACCOUNT)))));
        }
        if (r.is("GET", "/me")) {
            return FakeAnswer.json(Map.of("id", world.accountOf(r.bearer()), "name", "Sandbox User"));
        }
        return null;
    }

    /** {@code POST /{object}/comments}; else null. */
    public static FakeAnswer comment(FakeRequest r, FakeWorld world) {
        String[] s = r.segments();
        if (r.method().equals("POST") && s.length == 2 && s[1].equals("comments")) {
            return FakeAnswer.json(Map.of("id", s[0] + "_" + world.newId("")));
        }
        return null;
    }
}
