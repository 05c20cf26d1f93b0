package dev.poststride.platforms.facebook;

import dev.poststride.platforms.Outcome;
import dev.poststride.platforms.PlatformHttp.Reply;
import dev.poststride.platforms.PlatformHttp;
import dev.poststride.platforms.PlatformKey;
import dev.poststride.platforms.PlatformPublisher;
import dev.poststride.platforms.PublishJob;
import dev.poststride.platforms.StepFailed;
import dev.poststride.platforms.meta.GraphCreate;
import dev.poststride.platforms.meta.GraphErrors;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Publishes to a Facebook Page with its Page token: text to {@code /feed}; one photo through {@code /photos}; several
 * photos uploaded unpublished then attached to one {@code /feed} post; a video through {@code /videos}. Facebook
 * fetches media from the signed pull URLs. After an unknown outcome the Page's {@code published_posts} are searched
 * for the same message.
 */
@ApplicationScoped
class FacebookPublisher implements PlatformPublisher {

    private final PlatformHttp http;
    private final Clock clock;

    FacebookPublisher(PlatformHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    @Override
    public PlatformKey platform() {
        return FacebookModule.KEY;
    }

    private FacebookApi api() {
        return http.client(FacebookApi.class, FacebookModule.KEY);
    }

    @Override
    public Outcome publish(PublishJob job) {
        String bearer = "Bearer " + job.credentials().accessToken();
        String page = job.credentials().accountId();
        List<PublishJob.Attachment> media = job.media();
        if (media.size() == 1 && media.getFirst().media().mediaType().equals("video")) {
            Map<String, Object> body = Map.of("file_url", media.getFirst().anyHostUrl().get(),
                                              "description", job.text());
            return create("Facebook /videos", () -> api().video(bearer, page, body),
                          id -> "https://www.facebook.com/" + page + "/videos/" + id);
        }
        if (media.size() == 1) {
            Map<String, Object> body = Map.of("url", media.getFirst().anyHostUrl().get(), "message", job.text(),
                                              "published", true);
            return create("Facebook /photos", () -> api().photo(bearer, page, body), id -> null);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", job.text());
        if (!media.isEmpty()) {
            List<Map<String, String>> attached = new ArrayList<>();
            for (PublishJob.Attachment attachment : media) {
                Map<String, Object> photo = Map.of("url", attachment.anyHostUrl().get(), "published", false);
                Reply reply;
                try { // unpublished photos are harmless to make again
                    reply = http.step("Facebook unpublished photo", "media_upload", () -> api().photo(bearer, page,
                                                                                                      photo));
                } catch (StepFailed failed) {
                    return failed.outcome();
                }
                String id = reply.ok() ? reply.body().path("id").asText(null) : null;
                if (id == null) {
                    return GraphErrors.outcome(reply, false, clock);
                }
                attached.add(Map.of("media_fbid", id));
            }
            body.put("attached_media", attached);
        }
        return create("Facebook /feed", () -> api().feed(bearer, page, body), id -> null);
    }

    /** The publishing call; a post without a link of its own gets the Page post's link. */
    private Outcome create(String what, Supplier<jakarta.ws.rs.core.Response> call,
                           java.util.function.Function<String, String> permalinkOf) {
        return GraphCreate.send(http, clock, what, call, id -> {
            String permalink = permalinkOf.apply(id);
            return permalink != null ? permalink : "https://www.facebook.com/" + id;
        });
    }

    /** {@code POST /{post-id}/comments} with the Page token (needs {@code pages_manage_engagement}). */
    @Override
    public Outcome comment(PublishJob job, String platformPostId, String text) {
        String bearer = "Bearer " + job.credentials().accessToken();
        return GraphCreate.send(http, clock, "Facebook comment",
                                 () -> api().comment(bearer, platformPostId, Map.of("message", text)),
                                 id -> "https://www.facebook.com/" + id);
    }

    @Override
    public Optional<Lookup> findExisting(PublishJob job, Instant since) {
        return http.read("Facebook published_posts", () -> api().publishedPosts(
                        "Bearer " + job.credentials().accessToken(), job.credentials().accountId(),
                        "id,message,created_time,permalink_url", since.minusSeconds(60).getEpochSecond()))
                .map(reply -> PlatformHttp.findByText(reply.body().path("data"), "message", job.text(), String::strip)
                        .<Lookup>map(post -> new Lookup.Found(post.path("id").asText(), post.path("permalink_url")
                                .asText("https://www.facebook.com/" + post.path("id").asText())))
                        .orElseGet(Lookup.Absent::new));
    }
}
