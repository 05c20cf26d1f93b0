package dev.poststride.platforms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poststride.platforms.instagram.InstagramFake;
import dev.poststride.platforms.linkedin.LinkedInFake;
import dev.poststride.platforms.tiktok.TikTokFake;
import dev.poststride.platforms.x.XFake;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The platforms' fakes (one definition per platform, served by the dev sandbox and the benchmark's fake server)
 * remember what they were sent, so the look-ups the engine makes after an unclear answer answer truthfully.
 */
class PlatformFakesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> live = new ArrayList<>();
    private final FakeWorld world = new FakeWorld("http://fake.test/sandbox/", new FakeWorld.Listener() {
        @Override
        public void live(String platform, String text) {
            live.add(platform + ": " + text);
        }
    });

    @Test
    void anXPostIsOnTheTimelineOfTheAccountItsTokenWasHandedOutFor() throws Exception {
        XFake x = new XFake();
        String consent = x.answer("x", get("/oauth/authorize", Map.of("redirect_uri",
                "http://app/api/platforms/x/callback", "state", "s1")), world).headers().get("Location");
        String code = FakeRequest.decode(consent.substring(consent.indexOf('?') + 1)).get("code");
        Map<?, ?> tokens = (Map<?, ?>) x.answer("x", form("/oauth/token", "grant_type=authorization_code&code="
                                                                             + code), world).body();
        String token = (String) tokens.get("access_token");

        FakeAnswer created = x.answer("x", json("POST", "/2/tweets", token, Map.of("text", "hello")), world);
        assertThat(created.status()).isEqualTo(201);
        String id = (String) ((Map<?, ?>) ((Map<?, ?>) created.body()).get("data")).get("id");

        Map<?, ?> timeline = (Map<?, ?>) x.answer("x", new FakeRequest("GET", "/2/users/1000000001/tweets", Map.of(),
                                                                    Map.of("Authorization", "Bearer " + token), null),
                                                  world).body();
        assertThat(JSON.valueToTree(timeline).path("data").get(0).path("id").asText()).isEqualTo(id);
        assertThat(live).containsExactly("x: hello");
    }

    @Test
    void aTokenRequestWithAWrongCodeOrGrantIsRefusedInOAuthsShape() {
        XFake x = new XFake();
        FakeAnswer forged = x.answer("x", form("/oauth/token", "grant_type=authorization_code&code=sbx.other.1"
                                                               + "&code_verifier=v"), world);
        assertThat(forged.status()).isEqualTo(400);
        assertThat(JSON.valueToTree(forged.body()).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(x.answer("x", form("/oauth/token", "grant_type=password"), world).status()).isEqualTo(400);
    }

    @Test
    void linkedInRefusesTheSameTextTwiceOnOneAuthorAsADuplicate() {
        LinkedInFake linkedIn = new LinkedInFake();
        Map<String, Object> post = Map.of("author", "urn:li:person:a", "commentary", "same words");
        FakeAnswer first = linkedIn.answer("linkedin", json("POST", "/rest/posts", "t", post), world);
        FakeAnswer again = linkedIn.answer("linkedin", json("POST", "/rest/posts", "t", post), world);
        FakeAnswer elsewhere = linkedIn.answer("linkedin", json("POST", "/rest/posts", "t",
                Map.of("author", "urn:li:organization:1", "commentary", "same words")), world);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.headers().get("x-restli-id")).startsWith("urn:li:share:");
        assertThat(again.status()).isEqualTo(422);
        assertThat(JSON.valueToTree(again.body()).toString()).contains("DUPLICATE_POST")
                .contains(first.headers().get("x-restli-id"));
        assertThat(elsewhere.status()).isEqualTo(201);
        assertThat(linkedIn.answer("linkedin", json("POST", "/rest/images", "t", Map.of()), world).body().toString())
                .contains("uploadUrl=http://fake.test/sandbox/linkedin/uploads/");
    }

    @Test
    void anInstagramContainerPublishesOnceHoweverOftenItIsAskedTo() {
        InstagramFake instagram = new InstagramFake();
        String container = (String) ((Map<?, ?>) instagram.answer("instagram", json("POST", "/ig-1/media", "t",
                Map.of("caption", "a picture", "image_url", "https://cdn/p.jpg")), world).body()).get("id");
        Map<String, Object> publish = Map.of("creation_id", container);
        Object first = ((Map<?, ?>) instagram.answer("instagram", json("POST", "/ig-1/media_publish", "t", publish),
                                                     world).body()).get("id");
        Object second = ((Map<?, ?>) instagram.answer("instagram-login", json("POST", "/ig-1/media_publish", "t",
                                                                               publish), world).body()).get("id");

        assertThat(second).isEqualTo(first);
        assertThat(live).containsExactly("instagram: a picture");
        assertThat(instagram.answer("instagram", get("/" + container, Map.of()), world).body().toString())
                .contains("status_code=PUBLISHED");
        assertThat(instagram.answer("instagram", get("/ig-1/media", Map.of()), world).body().toString())
                .contains("id=" + first);
        assertThat(instagram.answer("instagram", json("POST", "/ig-1/media_publish", "t",
                                                      Map.of("creation_id", "c-unknown")), world).status())
                .isEqualTo(400);
    }

    @Test
    void aTikTokPublishIdTellsItsStatusAndPostId() {
        TikTokFake tikTok = new TikTokFake();
        String publishId = JSON.valueToTree(tikTok.answer("tiktok", json("POST", "/v2/post/publish/video/init/", "t",
                Map.of("post_info", Map.of("title", "a clip"))), world).body()).path("data").path("publish_id")
                .asText();
        String status = JSON.valueToTree(tikTok.answer("tiktok", json("POST", "/v2/post/publish/status/fetch/", "t",
                Map.of("publish_id", publishId)), world).body()).path("data").toString();

        assertThat(status).contains("PUBLISH_COMPLETE").contains("publicaly_available_post_id");
        assertThat(live).containsExactly("tiktok: a clip");
        assertThat(tikTok.answer("tiktok", json("POST", "/v2/post/publish/status/fetch/", "t",
                                                Map.of("publish_id", "nope")), world).status()).isEqualTo(400);
        assertThat(tikTok.answer("tiktok", get("/v2/no/such/thing", Map.of()), world)).isNull();
    }

    private static FakeRequest get(String path, Map<String, String> query) {
        return new FakeRequest("GET", path, query, Map.of(), null);
    }

    private static FakeRequest form(String path, String body) {
        return new FakeRequest("POST", path, Map.of(), Map.of("Content-Type", "application/x-www-form-urlencoded"),
                               body.getBytes(StandardCharsets.UTF_8));
    }

    private static FakeRequest json(String method, String path, String token, Object body) {
        try {
            return new FakeRequest(method, path, Map.of(), Map.of("Content-Type", "application/json",
                                                                  "Authorization", "Bearer " + token),
                                   JSON.writeValueAsBytes(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
