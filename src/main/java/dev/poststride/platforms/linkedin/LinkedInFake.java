package dev.poststride.platforms.linkedin;

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
import java.util.UUID;

/**
 * LinkedIn's fake, in LinkedIn's HTTP shapes (platform-apis.md 2): the member administers one Company Page (so the
 * sandbox connects it beside the member); posts, with LinkedIn's 422 {@code DUPLICATE_POST} for the same text on the
 * same author (the answer the look-up after an unclear answer relies on); image, document and video uploads.
 */
@ApplicationScoped
@IfBuildProperty(name = SandboxFakes.ENABLED, stringValue = "true")
public class LinkedInFake extends OAuthFake {

    @Override
    protected PlatformKey platform() {
        return LinkedInModule.KEY;
    }

    @Override
    protected String account() {
        return "sandbox-member";
    }

    @Override
    protected long lifetimeSeconds() {
        return 5_184_000;
    }

    @Override
    protected String scopes() {
        return "openid profile w_member_social w_organization_social rw_organization_admin";
    }

    @Override
    protected FakeAnswer api(FakeRequest r, FakeWorld world) {
        String[] s = r.segments();
        if (r.is("GET", "/v2/userinfo")) {
            return FakeAnswer.json(Map.of("sub", "sandbox-member", "name", "Sandbox Member"));
        }
        if (r.is("GET", "/rest/organizationAcls")) {
            return FakeAnswer.json(Map.of("elements", List.of(Map.of(
                    "organization", "urn:li:organization:1001", "role", "ADMINISTRATOR", "state", "APPROVED"))));
        }
        if (r.method().equals("GET") && s.length == 3 && s[1].equals("organizations")) {
            return FakeAnswer.json(Map.of("id", s[2], "localizedName", "Sandbox Company"));
        }
        if (r.is("POST", "/rest/posts")) {
            return post(r, world);
        }
        if (r.is("POST", "/rest/images")) {
            return FakeAnswer.json(Map.of("value", Map.of("uploadUrl", uploadUrl(world),
                                                          "image", world.newId("urn:li:image:"))));
        }
        if (r.is("POST", "/rest/documents")) {
            return FakeAnswer.json(Map.of("value", Map.of("uploadUrl", uploadUrl(world),
                                                          "document", world.newId("urn:li:document:D"))));
        }
        if (r.is("POST", "/rest/videos")) {
            return FakeAnswer.json(Map.of("value", Map.of(
                    "video", world.newId("urn:li:video:"), "uploadToken", "",
                    "uploadInstructions", List.of(Map.of("uploadUrl", uploadUrl(world), "firstByte", 0,
                                                         "lastByte", Long.MAX_VALUE / 2)))));
        }
        if (r.method().equals("GET") && s.length == 3 && s[1].equals("videos")) {
            return FakeAnswer.json(Map.of("status", "AVAILABLE"));
        }
        if (r.method().equals("PUT") && s.length == 2 && s[0].equals("uploads")) {
            return FakeAnswer.empty(201).with("etag", "sandbox-etag");
        }
        if (r.method().equals("POST") && s.length == 4 && s[1].equals("socialActions") && s[3].equals("comments")) {
            return FakeAnswer.empty(201).with("x-restli-id", "urn:li:comment:(urn:li:activity:" + world.newId("")
                                                             + "," + world.newId("") + ")");
        }
        return null;
    }

    private static FakeAnswer post(FakeRequest r, FakeWorld world) {
        String key = LinkedInModule.KEY.key();
        String author = r.json().path("author").asText("");
        String text = r.json().path("commentary").asText("");
        for (FakeWorld.LivePost post : world.posts(key, author)) {
            if (post.text().equals(text)) {
                world.sent(key, text);
                return FakeAnswer.json(422, Map.of(
                        "message", "com.linkedin.content.common.exception.BadRequestResponseException: Content is a"
                                   + " duplicate of urn:li:share:" + post.id(),
                        "errorDetails", Map.of("inputErrors", List.of(Map.of(
                                "description", "Duplicate post is detected", "input", Map.of(),
                                "code", "DUPLICATE_POST"))),
                        "status", 422));
            }
        }
        FakeWorld.LivePost post = world.goLive(key, author, text);
        return FakeAnswer.empty(201).with("x-restli-id", "urn:li:share:" + post.id());
    }

    private static String uploadUrl(FakeWorld world) {
        return world.baseUrl() + "/" + LinkedInModule.KEY.key() + "/uploads/" + UUID.randomUUID();
    }
}
