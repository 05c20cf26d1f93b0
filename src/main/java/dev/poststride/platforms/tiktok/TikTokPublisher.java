package dev.poststride.platforms.tiktok;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poststride.platforms.Outcome;
import dev.poststride.platforms.PlatformHttp.Reply;
import dev.poststride.platforms.PlatformHttp;
import dev.poststride.platforms.PlatformKey;
import dev.poststride.platforms.PlatformPublisher;
import dev.poststride.platforms.PublishJob;
import dev.poststride.platforms.StepFailed;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Publishes to TikTok as a Direct Post: reads the creator's settings and checks the user's choices against them
 * (privacy level, never a default; interactions off unless chosen and allowed; disclosure), then
 * {@code video/init} (video pulled from the signed URL) or {@code content/init} (photos), remembers the
 * {@code publish_id} at once, and polls {@code status/fetch} until {@code PUBLISH_COMPLETE} or {@code FAILED}.
 * TikTok's rule after any doubt: never init again, ask the status of the remembered {@code publish_id}.
 */
@ApplicationScoped
class TikTokPublisher implements PlatformPublisher {

    private static final String PUBLISH_ID = "publish_id:";
    private static final Set<String> PERMANENT_FAILURES = Set.of("file_format_check_failed", "duration_check_failed",
                                                                 "frame_rate_check_failed",
                                                                 "picture_size_check_failed");

    private final PlatformHttp http;
    private final Clock clock;

    TikTokPublisher(PlatformHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    @Override
    public PlatformKey platform() {
        return TikTokModule.KEY;
    }

    private TikTokApi api() {
        return http.client(TikTokApi.class, TikTokModule.KEY);
    }

    @Override
    public Outcome publish(PublishJob job) {
        String bearer = "Bearer " + job.credentials().accessToken();
        Reply creator;
        try {
            creator = http.step("TikTok creator_info", "unreachable", () -> api().creatorInfo(bearer, Map.of()));
        } catch (StepFailed failed) {
            return failed.outcome();
        }
        if (failed(creator)) {
            return failure(creator, false);
        }
        String username = creator.body().path("data").path("creator_username").asText(null);
        if (job.checkpoint() != null && job.checkpoint().startsWith(PUBLISH_ID)) {
            // An earlier attempt's init went through: continue with its publish, never a second init.
            return awaitVerdict(job, bearer, job.checkpoint().substring(PUBLISH_ID.length()), username);
        }
        JsonNode data = creator.body().path("data");
        JsonNode options = job.options();
        String privacy = options.path("privacy_level").asText(null);
        if (privacy == null) {
            return new Outcome.ContentRejected("privacy_level_required", "TikTok needs the user's choice of who can"
                                                                       + " see the post; set the target's option"
                                                                       + " privacy_level and retry.");
        }
        if (!contains(data.path("privacy_level_options"), privacy)) {
            return new Outcome.ContentRejected("privacy_level_option_mismatch", "this TikTok account no longer"
                                                                              + " allows " + privacy + "; choose"
                                                                              + " another privacy level and retry.");
        }
        boolean video = !job.media().isEmpty() && job.media().getFirst().media().mediaType().equals("video");
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> postInfo = new LinkedHashMap<>();
        // Interactions are off unless the user turned them on, and stay off where the creator turned them off.
        boolean comments = options.path("allow_comment").asBoolean(false)
                           && !data.path("comment_disabled").asBoolean();
        if (video) {
            postInfo.put("title", job.text());
            postInfo.put("privacy_level", privacy);
            postInfo.put("disable_duet", !(options.path("allow_duet").asBoolean(false)
                                           && !data.path("duet_disabled").asBoolean()));
            postInfo.put("disable_comment", !comments);
            postInfo.put("disable_stitch", !(options.path("allow_stitch").asBoolean(false)
                                             && !data.path("stitch_disabled").asBoolean()));
            disclosure(postInfo, options);
            body.put("post_info", postInfo);
            body.put("source_info", Map.of("source", "PULL_FROM_URL",
                                           "video_url", job.media().getFirst().verifiedDomainUrl().get()));
        } else {
            String title = options.path("photo_title").asText(job.text());
            postInfo.put("title", title.length() > 90 ? title.substring(0, 90) : title);
            postInfo.put("description", job.text());
            postInfo.put("privacy_level", privacy);
            postInfo.put("disable_comment", !comments);
            postInfo.put("auto_add_music", true);
            disclosure(postInfo, options);
            body.put("media_type", "PHOTO");
            body.put("post_mode", "DIRECT_POST");
            body.put("post_info", postInfo);
            List<String> urls = job.media().stream().map(m -> m.verifiedDomainUrl().get()).toList();
            int cover = Math.min(Math.max(0, options.path("photo_cover_index").asInt(0)), urls.size() - 1);
            body.put("source_info", Map.of("source", "PULL_FROM_URL", "photo_cover_index", cover,
                                           "photo_images", urls));
        }
        return http.create("TikTok init", () -> video ? api().initVideo(bearer, body) : api().initContent(bearer, body),
                           init -> {
                               if (failed(init)) {
                                   return failure(init, true);
                               }
                               String publishId = init.body().path("data").path("publish_id").asText(null);
                               if (publishId == null) {
                                   return new Outcome.OutcomeUnknown("TikTok init answered without a publish_id");
                               }
                               job.remember(PUBLISH_ID + publishId);
                               return awaitVerdict(job, bearer, publishId, username);
                           });
    }

    /**
     * Polls the publish until TikTok decides. Anything else — a refused token, a rate limit, a 5xx, no answer, still
     * processing after the polls — goes back to the engine as retryable; the next attempt resumes this publish_id.
     */
    private Outcome awaitVerdict(PublishJob job, String bearer, String publishId, String username) {
        try {
            return http.poll(poll -> {
                Reply status = http.step("TikTok status/fetch of publish " + publishId, "status_unreadable",
                                         () -> api().status(bearer, Map.of("publish_id", publishId)));
                if (failed(status)) {
                    return new PlatformHttp.Poll.Done<>(failure(status, false));
                }
                JsonNode data = status.body().path("data");
                return switch (data.path("status").asText("")) {
                    case "PUBLISH_COMPLETE" -> {
                        String postId = data.path("publicaly_available_post_id").path(0).asText(publishId);
                        // The creator's @username comes with creator_info; the display name is not a handle.
                        String permalink = username != null
                                ? "https://www.tiktok.com/@" + username + "/video/" + postId
                                : "https://www.tiktok.com/video/" + postId;
                        yield new PlatformHttp.Poll.Done<>(new Outcome.Published(postId, permalink));
                    }
                    case "FAILED" -> {
                        String reason = data.path("fail_reason").asText("unknown");
                        yield new PlatformHttp.Poll.Done<>(
                                PERMANENT_FAILURES.contains(reason) || reason.endsWith("_pull_failed")
                                        ? new Outcome.MediaRejected(reason, "TikTok refused the media: " + reason)
                                        : new Outcome.ContentRejected(reason, "TikTok did not publish the post: "
                                                                              + reason));
                    }
                    default -> new PlatformHttp.Poll.Again<>(Duration.ofSeconds(poll == 0 ? 0 : 5));
                };
            }, () -> new Outcome.Transient("processing", "TikTok was still processing publish " + publishId));
        } catch (StepFailed failed) {
            return failed.outcome();
        }
    }

    /**
     * With a remembered publish_id, TikTok's status is the answer: complete is found; anything else is "absent" in
     * the engine's sense that sending is safe, because a send with a publish_id resumes it and never inits again.
     * Without one, an init may have happened unseen: cannot tell.
     */
    @Override
    public Optional<Lookup> findExisting(PublishJob job, Instant since) {
        if (job.checkpoint() == null || !job.checkpoint().startsWith(PUBLISH_ID)) {
            return Optional.empty(); // an init may have happened without us learning its id: cannot tell
        }
        String publishId = job.checkpoint().substring(PUBLISH_ID.length());
        Outcome verdict = awaitVerdict(job, "Bearer " + job.credentials().accessToken(), publishId, null);
        return switch (verdict) {
            case Outcome.Published p -> Optional.of(new Lookup.Found(p.platformPostId(), p.permalink()));
            default -> Optional.of(new Lookup.Absent());
        };
    }

    private static boolean contains(JsonNode values, String wanted) {
        for (JsonNode value : values) {
            if (value.asText().equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    /** Commercial-content disclosure: "Your brand" (promotional) and "Branded content" (paid partnership). */
    private static void disclosure(Map<String, Object> postInfo, JsonNode options) {
        postInfo.put("brand_organic_toggle", options.path("disclose_your_brand").asBoolean(false));
        postInfo.put("brand_content_toggle", options.path("disclose_branded_content").asBoolean(false));
    }

    /** TikTok's envelope decides, not the HTTP status: success only when {@code error.code} is {@code ok}. */
    private static boolean failed(Reply reply) {
        return !reply.ok() || !"ok".equals(reply.body().path("error").path("code").asText(""));
    }

    private Outcome failure(Reply reply, boolean initCall) {
        String code = reply.body().path("error").path("code").asText("http_" + reply.status());
        String detail = PlatformHttp.describe(reply) + " (" + code + ")";
        if (code.equals("rate_limit_exceeded") || reply.status() == 429) {
            // TikTok's limits are per minute (platform-apis.md 5.6); a Retry-After, when sent, is honoured.
            return new Outcome.RateLimited(reply.retryAfter(clock).orElse(clock.instant().plus(1, ChronoUnit.MINUTES)),
                                           detail);
        }
        if (code.equals("access_token_invalid")) {
            return new Outcome.TokenRefused(detail);
        }
        if (code.startsWith("scope_") || code.equals("reached_active_user_cap")) {
            return new Outcome.AuthRevoked(detail);
        }
        if (code.equals("spam_risk_too_many_posts")) {
            return new Outcome.RateLimited(clock.instant().plus(1, ChronoUnit.DAYS), detail);
        }
        if (code.equals("internal_error") || reply.status() >= 500 || !reply.isJson()) {
            return initCall ? new Outcome.OutcomeUnknown("TikTok answered " + reply.status())
                    : new Outcome.Transient(code, detail);
        }
        return code.contains("file") || code.contains("url") ? new Outcome.MediaRejected(code, detail)
                : new Outcome.ContentRejected(code, detail);
    }
}
