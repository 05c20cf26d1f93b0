package dev.poststride.platforms.meta;

import dev.poststride.platforms.SandboxFakes;
import java.util.List;
import java.util.Map;

/**
 * What the dev sandbox's fakes of Meta's platforms (Facebook, Instagram) answer alike, in Graph's shapes
 * (platform-apis.md 3 and 4): Facebook Login's token endpoint, the user's one Page (linked to an Instagram account),
 * a node, a comment, a container or post just made.
 */
public final class MetaSandbox {

    private MetaSandbox() {
    }

    /** Facebook Login's token endpoint (GET): code exchange and long-lived exchange alike. */
    public static Map<String, Object> userToken(String platform) {
        return Map.of("access_token", SandboxFakes.token(platform, "user"), "token_type", "bearer",
                      "expires_in", 5_184_000);
    }

    /** {@code /me/accounts}: one Page, linked to an Instagram business account, with its Page token. */
    public static Map<String, Object> pages(String platform) {
        return Map.of("data", List.of(Map.of("id", "sandbox-page-1", "name", "Sandbox Page",
                                             "access_token", SandboxFakes.token(platform, "page"),
                                             "tasks", List.of("CREATE_CONTENT", "MANAGE"),
                                             "instagram_business_account", Map.of("id", "sandbox-ig-1"))));
    }

    /** A Graph node: an account's profile, a container's status, a media item's permalink. */
    public static Map<String, Object> node(String node) {
        return Map.of("id", node, "username", "sandbox_insta", "name", "Sandbox Instagram", "status_code", "FINISHED",
                      "permalink", "https://www.instagram.com/p/" + node + "/");
    }

    /** A comment on {@code object} ({@code /{object}/comments}). */
    public static Map<String, Object> comment(String object) {
        return Map.of("id", object + "_" + SandboxFakes.numericId());
    }
}
