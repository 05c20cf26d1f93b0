package dev.poststride.platforms.instagram;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poststride.platforms.Outcome;
import dev.poststride.platforms.PlatformHttp.Reply;
import dev.poststride.platforms.PlatformHttp;
import dev.poststride.platforms.PlatformKey;
import dev.poststride.platforms.PlatformPublisher;
import dev.poststride.platforms.PublishingQuota;
import dev.poststride.platforms.PublishJob;
import dev.poststride.platforms.StepFailed;
import dev.poststride.platforms.meta.GraphContainers;
import dev.poststride.platforms.meta.GraphCreate;
import dev.poststride.platforms.meta.GraphErrors;
import dev.poststride.platforms.meta.GraphQuota;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Publishes to Instagram: a container per image ({@code image_url}) or reel ({@code media_type=REELS},
 * {@code video_url}), or children plus a {@code CAROUSEL} parent, all fetched by Instagram from the signed pull URLs;
 * polls {@code status_code} until {@code FINISHED} (bounded), then {@code media_publish}. The container id is
 * remembered before publishing, so an unknown outcome is settled by the container's own {@code PUBLISHED} status, and
 * a retry publishes that container instead of building another.
 */
@ApplicationScoped
class InstagramPublisher implements PlatformPublisher {

    private static final String CONTAINER = "container:";

    private final PlatformHttp http;
    private final Clock clock;
    private final GraphContainers containers;

    InstagramPublisher(PlatformHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
        this.containers = new GraphContainers(http, clock, "Instagram", "status_code", "status");
    }

    @Override
    public PlatformKey platform() {
        return InstagramModule.KEY;
    }

    /**
     * The account a job publishes to: the REST client on the host of its connection's flow ({@code graph.facebook.com}
     * through Facebook Login, {@code graph.instagram.com} through Instagram Login; the calls are the same), the
     * bearer token and the Instagram user id.
     */
    private record Account(InstagramApi api, String bearer, String ig) {
        @Override
        public String toString() {
            return "Account[" + ig + "]";
        }
    }

    private Account account(PublishJob job) {
        return new Account(http.client(InstagramApi.class, InstagramModule.KEY, job.credentials().flow()),
                           "Bearer " + job.credentials().accessToken(), job.credentials().accountId());
    }

    @Override
    public Outcome publish(PublishJob job) {
        Account account = account(job);
        if (job.checkpoint() == null || !job.checkpoint().startsWith(CONTAINER)) {
            Optional<Outcome> spent = quotaSpent(account);
            if (spent.isPresent()) {
                return spent.get();
            }
        }
        try {
            String container;
            if (job.checkpoint() != null && job.checkpoint().startsWith(CONTAINER)) {
                // An earlier attempt built the container and stopped before or at media_publish: publish that one.
                container = job.checkpoint().substring(CONTAINER.length());
            } else if (job.options().path("as_story").asBoolean(false)) {
                container = createContainer(account, story(job.media().getFirst()));
            } else if (job.media().size() == 1) {
                Map<String, Object> single = item(job.media().getFirst(), false, job.text());
                if ("REELS".equals(single.get("media_type"))) {
                    reelOptions(single, job);
                }
                container = createContainer(account, single);
            } else {
                List<String> children = new ArrayList<>();
                for (PublishJob.Attachment attachment : job.media()) {
                    children.add(createContainer(account, item(attachment, true, null)));
                }
                Map<String, Object> parent = new LinkedHashMap<>();
                parent.put("media_type", "CAROUSEL");
                parent.put("children", String.join(",", children));
                parent.put("caption", job.text());
                container = createContainer(account, parent);
            }
            if (!(CONTAINER + container).equals(job.checkpoint())) {
                job.remember(CONTAINER + container);
            }
            return http.create("Instagram media_publish", () -> account.api().publish(
                    account.bearer(), account.ig(), Map.of("creation_id", container)), published -> {
                        if (!published.ok() || published.body().has("error")) {
                            return GraphErrors.outcome(published, true, clock);
                        }
                        String mediaId = published.body().path("id").asText(null);
                        return mediaId == null ? new Outcome.OutcomeUnknown("media_publish answered without an id")
                                : new Outcome.Published(mediaId, permalink(account, mediaId));
                    });
        } catch (StepFailed failed) {
            return failed.outcome();
        }
    }

    /** A story: one image or video, {@code media_type=STORIES}, no caption (stories show none). */
    private static Map<String, Object> story(PublishJob.Attachment attachment) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("media_type", "STORIES");
        body.put(attachment.media().mediaType().equals("video") ? "video_url" : "image_url",
                 attachment.anyHostUrl().get());
        return body;
    }

    /**
     * A reel's options: whether it also shows in the feed (Instagram's default: yes), and its cover: a frame
     * ({@code thumb_offset}) or an image Instagram pulls ({@code cover_url}, which wins when both are given).
     */
    private static void reelOptions(Map<String, Object> body, PublishJob job) {
        JsonNode options = job.options();
        if (options.has("share_to_feed")) {
            body.put("share_to_feed", options.path("share_to_feed").asBoolean(true));
        }
        if (options.has("reel_cover_offset_ms")) {
            body.put("thumb_offset", options.path("reel_cover_offset_ms").asLong());
        }
        String cover = options.path(InstagramRules.REEL_COVER).asText(null);
        if (cover != null && job.optionMedia().containsKey(UUID.fromString(cover))) {
            body.put("cover_url", job.optionMedia().get(UUID.fromString(cover)).anyHostUrl().get());
        }
    }

    private static Map<String, Object> item(PublishJob.Attachment attachment, boolean carouselItem, String caption) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (attachment.media().mediaType().equals("video")) {
            body.put("media_type", carouselItem ? "VIDEO" : "REELS");
            body.put("video_url", attachment.anyHostUrl().get());
        } else {
            body.put("image_url", attachment.anyHostUrl().get());
            if (attachment.media().altText() != null) {
                body.put("alt_text", attachment.media().altText());
            }
        }
        if (carouselItem) {
            body.put("is_carousel_item", true);
        }
        if (caption != null) {
            body.put("caption", caption);
        }
        return body;
    }

    /** Creates a container and waits (bounded) until Instagram has fetched and processed its media. */
    private String createContainer(Account account, Map<String, Object> body) throws StepFailed {
        String id = containers.created(containers.step("Instagram container", () -> account.api().createContainer(
                account.bearer(), account.ig(), body)));
        return containers.awaitReady(id, () -> account.api().container(account.bearer(), id, "status_code,status"));
    }

    private String permalink(Account account, String mediaId) {
        return http.read("Instagram permalink", () -> account.api().container(account.bearer(), mediaId, "permalink"))
                .map(reply -> reply.body().path("permalink").asText(null))
                .orElse("https://www.instagram.com/");
    }

    /**
     * Reads the account's {@code content_publishing_limit} before a new post: when its quota is spent, nothing is
     * created and the target waits (an hour, then reads it again) with a message saying so. When Meta does not answer,
     * publishing goes on; {@code media_publish} would then refuse with code 9 / 2207042, read as a rate limit too.
     */
    private Optional<Outcome> quotaSpent(Account account) {
        Optional<Reply> limit = http.read("Instagram content_publishing_limit", () -> account.api().publishingLimit(
                account.bearer(), account.ig(), "quota_usage,config"));
        return limit.flatMap(reply -> GraphQuota.posts(reply.body())).filter(PublishingQuota::spent).map(
                quota -> new Outcome.RateLimited(clock.instant().plus(Duration.ofHours(1)), "Instagram's publishing"
                        + " limit for this account is spent: " + quota.used() + " of " + quota.total()
                        + " posts in the last 24 hours; publishing resumes when the oldest of them leaves the"
                        + " window."));
    }

    /** {@code POST /{ig-media-id}/comments} {@code {message}}: the first comment under the published media. */
    @Override
    public Outcome comment(PublishJob job, String platformPostId, String text) {
        Account account = account(job);
        return GraphCreate.send(http, clock, "Instagram comment", () -> account.api().comment(
                account.bearer(), platformPostId, Map.of("message", text)), id -> null);
    }

    /**
     * With a remembered container: its {@code PUBLISHED} status settles it (the media id then comes from the account's
     * recent media, or the container id when it cannot be matched). Without one nothing was published.
     */
    @Override
    public Optional<Lookup> findExisting(PublishJob job, Instant since) {
        if (job.checkpoint() == null || !job.checkpoint().startsWith(CONTAINER)) {
            return Optional.of(new Lookup.Absent());
        }
        Account account = account(job);
        String container = job.checkpoint().substring(CONTAINER.length());
        Optional<Reply> status = http.read("Instagram container status", () -> account.api().container(
                account.bearer(), container, "status_code"));
        if (status.isEmpty()) {
            return Optional.empty();
        }
        if (!status.get().body().path("status_code").asText("").equals("PUBLISHED")) {
            return Optional.of(new Lookup.Absent());
        }
        Optional<Reply> recent = http.read("Instagram recent media", () -> account.api().recentMedia(
                account.bearer(), account.ig(), "id,caption,timestamp,permalink", 25));
        return Optional.of(recent.flatMap(reply -> PlatformHttp.findByText(reply.body().path("data"), "caption",
                                                                             job.text(), String::strip))
                                   .<Lookup>map(media -> new Lookup.Found(media.path("id").asText(), media.path(
                                           "permalink").asText("https://www.instagram.com/")))
                                   .orElseGet(() -> new Lookup.Found(container, "https://www.instagram.com/")));
    }
}
