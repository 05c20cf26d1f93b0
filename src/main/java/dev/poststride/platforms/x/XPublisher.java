package dev.poststride.platforms.x;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poststride.platforms.Outcome;
import dev.poststride.platforms.PlatformHttp.Reply;
import dev.poststride.platforms.PlatformHttp;
import dev.poststride.platforms.PlatformKey;
import dev.poststride.platforms.PlatformPublisher;
import dev.poststride.platforms.PublishJob;
import dev.poststride.platforms.StepFailed;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Publishes to X: media through the v2 chunked upload (initialize, append, finalize, status until succeeded), then
 * {@code POST /2/tweets} with the media ids. X takes no idempotency key, so after an unknown outcome the account's
 * recent posts are searched for the same text.
 */
@ApplicationScoped
class XPublisher implements PlatformPublisher {

    private static final Pattern URL = Pattern.compile("https?://\\S+");

    private final PlatformHttp http;
    private final Clock clock;

    XPublisher(PlatformHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    @Override
    public PlatformKey platform() {
        return XModule.KEY;
    }

    private XApi api() {
        return http.client(XApi.class, XModule.KEY);
    }

    @Override
    public Outcome publish(PublishJob job) {
        List<String> parts = threadParts(job);
        if (parts.isEmpty()) {
            return publishPost(job);
        }
        // A thread: the post, then each part as a reply to the one before, each id checkpointed as it lands, so a
        // later attempt continues after the last part posted and never posts one again.
        List<String> posted = new ArrayList<>(postedParts(job.checkpoint()));
        if (posted.isEmpty()) {
            Outcome first = publishPost(job);
            if (!(first instanceof Outcome.Published published)) {
                return first;
            }
            posted.add(published.platformPostId());
            job.remember(THREAD + String.join(",", posted));
        }
        while (posted.size() <= parts.size()) {
            int index = posted.size() - 1;
            List<PublishJob.Attachment> media = index < job.threadMedia().size() ? job.threadMedia().get(index)
                    : List.of();
            Outcome part = reply(job, posted.getLast(), parts.get(index), media, "X thread part " + posted.size());
            if (!(part instanceof Outcome.Published published)) {
                return partFailed(part, posted);
            }
            posted.add(published.platformPostId());
            job.remember(THREAD + String.join(",", posted));
        }
        return new Outcome.Published(posted.getFirst(), permalink(job, posted.getFirst()));
    }

    /**
     * A part that failed for good leaves the thread incomplete with its first parts live: said so, with their ids
     * (a retry of the target continues after them). Anything that may pass goes back to the engine as it is.
     */
    private static Outcome partFailed(Outcome part, List<String> posted) {
        String live = "the thread's first " + posted.size() + " post(s) are live (" + String.join(", ", posted) + ")";
        return switch (part) {
            case Outcome.ContentRejected c -> new Outcome.ContentRejected(
                    "thread_incomplete", live + "; part " + (posted.size() + 1) + " was refused: " + c.reason());
            case Outcome.MediaRejected m -> new Outcome.ContentRejected(
                    "thread_incomplete", live + "; part " + (posted.size() + 1) + " was refused: " + m.reason());
            default -> part;
        };
    }

    static final String THREAD = "thread:";

    /**
     * The texts of the parts after the post ({@code options.thread}: each a text, or {@code {text, media_ids}});
     * empty for a single post.
     */
    private static List<String> threadParts(PublishJob job) {
        List<String> parts = new ArrayList<>();
        job.options().path("thread").forEach(part -> parts.add(part.isObject() ? part.path("text").asText()
                : part.asText()));
        return parts;
    }

    /** The ids of the parts already posted, from the checkpoint ({@code thread:<id>,<id>,...}). */
    static List<String> postedParts(String checkpoint) {
        if (checkpoint == null || !checkpoint.startsWith(THREAD) || checkpoint.length() == THREAD.length()) {
            return List.of();
        }
        return List.of(checkpoint.substring(THREAD.length()).split(","));
    }

    private Outcome publishPost(PublishJob job) {
        String bearer = "Bearer " + job.credentials().accessToken();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", job.text());
        try {
            media(body, uploads(bearer, job.media()));
        } catch (StepFailed failed) {
            return failed.outcome();
        }
        return http.create("X POST /2/tweets", () -> api().createPost(bearer, body), reply -> {
            if (reply.ok()) {
                String id = reply.body().path("data").path("id").asText(null);
                return id == null ? new Outcome.OutcomeUnknown("X answered " + reply.status() + " without a post id")
                        : new Outcome.Published(id, permalink(job, id));
            }
            return failure(reply, true);
        });
    }

    /** The first comment is a reply to the post (platform-apis.md 1.2: {@code reply.in_reply_to_tweet_id}). */
    @Override
    public Outcome comment(PublishJob job, String platformPostId, String text) {
        return reply(job, platformPostId, text, List.of(), "X reply");
    }

    /**
     * A reply to {@code toPostId}, with its media uploaded first (an upload is harmless to repeat, so a part whose
     * create failed uploads again on the next attempt).
     */
    private Outcome reply(PublishJob job, String toPostId, String text, List<PublishJob.Attachment> media,
                          String what) {
        String bearer = "Bearer " + job.credentials().accessToken();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text);
        try {
            media(body, uploads(bearer, media));
        } catch (StepFailed failed) {
            return failed.outcome();
        }
        body.put("reply", Map.of("in_reply_to_tweet_id", toPostId));
        return http.create(what, () -> api().createPost(bearer, body), reply -> {
            String id = reply.ok() ? reply.body().path("data").path("id").asText(null) : null;
            if (id != null) {
                return new Outcome.Published(id, permalink(job, id));
            }
            return reply.ok() ? new Outcome.OutcomeUnknown("X answered " + reply.status() + " without an id")
                    : failure(reply, true);
        });
    }

    private static void media(Map<String, Object> body, List<String> mediaIds) {
        if (!mediaIds.isEmpty()) {
            body.put("media", Map.of("media_ids", mediaIds));
        }
    }

    /** Uploads each attachment (harmless to repeat: unattached media expire at X); their X media ids. */
    private List<String> uploads(String bearer, List<PublishJob.Attachment> media) throws StepFailed {
        List<String> mediaIds = new ArrayList<>();
        for (PublishJob.Attachment attachment : media) {
            mediaIds.add(upload(bearer, attachment));
        }
        return mediaIds;
    }

    private String upload(String bearer, PublishJob.Attachment attachment) throws StepFailed {
        String category = switch (attachment.media().mediaType()) {
            case "gif" -> "tweet_gif";
            case "video" -> "tweet_video";
            default -> "tweet_image";
        };
        Reply init = http.step("X media initialize", MEDIA_UPLOAD, () -> api().initializeUpload(bearer, Map.of(
                "media_type", attachment.media().mimeType(), "total_bytes", attachment.media().sizeBytes(),
                "media_category", category)));
        if (!init.ok()) {
            throw new StepFailed(failure(init, false));
        }
        String mediaId = init.body().path("data").path("id").asText(null);
        if (mediaId == null) {
            throw new StepFailed(new Outcome.Transient("malformed", "X media initialize answered no id"));
        }
        int segment = 0;
        try (InputStream content = attachment.content().open()) {
            byte[] chunk;
            while ((chunk = content.readNBytes(http.config().uploadChunkBytes())).length > 0) {
                byte[] bytes = chunk;
                String index = Integer.toString(segment++);
                Reply append = http.step("X media append", MEDIA_UPLOAD,
                                         () -> api().appendUpload(bearer, mediaId, bytes, index));
                if (!append.ok()) {
                    throw new StepFailed(failure(append, false));
                }
            }
        } catch (IOException e) {
            throw new StepFailed(new Outcome.Transient("media_read", "the media file could not be read"));
        }
        Reply done = http.step("X media finalize", MEDIA_UPLOAD, () -> api().finalizeUpload(bearer, mediaId));
        if (!done.ok()) {
            throw new StepFailed(failure(done, false));
        }
        return awaitProcessing(bearer, mediaId, done.body().path("data").path("processing_info"));
    }

    private static final String MEDIA_UPLOAD = "media_upload";

    /** X processes videos and GIFs after the upload; its answers say when to look again. */
    private String awaitProcessing(String bearer, String mediaId, JsonNode afterUpload) throws StepFailed {
        JsonNode[] processing = {afterUpload};
        Outcome stillRunning = new Outcome.Transient("media_processing", "X was still processing the media after "
                                                                          + http.config().maxStatusPolls()
                                                                          + " checks");
        String processed = http.poll(poll -> {
            if (poll > 0) {
                Reply status = http.step("X media status", MEDIA_UPLOAD,
                                         () -> api().uploadStatus(bearer, "STATUS", mediaId));
                if (!status.ok()) {
                    throw new StepFailed(failure(status, false));
                }
                processing[0] = status.body().path("data").path("processing_info");
            }
            String state = processing[0].path("state").asText("succeeded");
            if (processing[0].isMissingNode() || state.equals("succeeded")) {
                return new PlatformHttp.Poll.Done<>(mediaId);
            }
            if (state.equals("failed")) {
                String reason = processing[0].path("error").path("message").asText("X could not process the media");
                throw new StepFailed(new Outcome.MediaRejected("media_processing_failed", reason));
            }
            return new PlatformHttp.Poll.Again<>(Duration.ofSeconds(Math.max(0, processing[0]
                    .path("check_after_secs").asLong(1))));
        }, () -> null);
        if (processed == null) {
            throw new StepFailed(stillRunning);
        }
        return processed;
    }

    /** X's refusals as outcomes; on the create call a 5xx may hide a created post, so it is an unknown outcome. */
    private Outcome failure(Reply reply, boolean createCall) {
        String detail = PlatformHttp.describe(reply);
        int status = reply.status();
        if (status == 429) {
            return new Outcome.RateLimited(resetTime(reply), detail);
        }
        if (status == 401) {
            return new Outcome.TokenRefused(detail);
        }
        if (status >= 500 || !reply.isJson() && status >= 400 && createCall) {
            return createCall ? new Outcome.OutcomeUnknown("X answered " + status)
                    : new Outcome.Transient("http_" + status, detail);
        }
        String text = reply.text() == null ? "" : reply.text();
        if (status == 403 && text.contains("duplicate content")) {
            return new Outcome.ContentRejected("duplicate_content", "X already has a post with exactly this text"
                                                                    + " on this account.");
        }
        if (text.contains("usage-capped")) {
            return new Outcome.RateLimited(clock.instant().plus(1, ChronoUnit.HOURS), detail);
        }
        return createCall ? new Outcome.ContentRejected("x_" + status, detail)
                : new Outcome.MediaRejected("x_media_" + status, detail);
    }

    /** {@code x-rate-limit-reset} (epoch seconds), or the 24-hour reset when that budget is spent. */
    private Instant resetTime(Reply reply) {
        String daily = reply.header("x-user-limit-24hour-remaining");
        String header = "0".equals(daily) ? reply.header("x-user-limit-24hour-reset") : reply.header("x-rate-limit-reset");
        try {
            if (header != null) {
                return Instant.ofEpochSecond(Long.parseLong(header.trim()));
            }
        } catch (NumberFormatException ignored) {
            // fall through to the default wait
        }
        return clock.instant().plus(15, ChronoUnit.MINUTES);
    }

    /**
     * After an unknown outcome: the recent posts are searched for the text. For a thread this reconciles instead:
     * the post and each following part found are added to the checkpoint, and the answer is "absent" in the engine's
     * sense that sending is safe — the publish then continues after the last part found and posts none twice.
     */
    @Override
    public Optional<Lookup> findExisting(PublishJob job, Instant since) {
        Optional<JsonNode> recent = recentPosts(job, since);
        if (recent.isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = threadParts(job);
        if (parts.isEmpty()) {
            return Optional.of(find(recent.get(), job.text()).<Lookup>map(id -> new Lookup.Found(id, permalink(job, id)))
                                       .orElseGet(Lookup.Absent::new));
        }
        List<String> posted = new ArrayList<>(postedParts(job.checkpoint()));
        int before = posted.size();
        while (posted.size() <= parts.size()) {
            String text = posted.isEmpty() ? job.text() : parts.get(posted.size() - 1);
            Optional<String> found = find(recent.get(), text);
            if (found.isEmpty()) {
                break;
            }
            posted.add(found.get());
        }
        if (posted.size() > before) {
            job.remember(THREAD + String.join(",", posted));
        }
        return Optional.of(new Lookup.Absent());
    }

    private static Optional<String> find(JsonNode recent, String text) {
        return PlatformHttp.findByText(recent.path("data"), "text", text, XPublisher::comparable)
                .map(post -> post.path("id").asText());
    }

    /** The account's posts since {@code since} (minus a minute), or empty when X does not answer. */
    private Optional<JsonNode> recentPosts(PublishJob job, Instant since) {
        String bearer = "Bearer " + job.credentials().accessToken();
        return http.read("X recent posts", () -> api().recentPosts(
                        bearer, job.credentials().accountId(),
                        since.minusSeconds(60).truncatedTo(ChronoUnit.SECONDS).toString(), 100, "created_at"))
                .map(Reply::body);
    }

    /** X rewrites links to t.co, so texts are compared without their links. */
    private static String comparable(String text) {
        return URL.matcher(text).replaceAll("").strip();
    }

    private static String permalink(PublishJob job, String id) {
        String username = job.credentials().accountName();
        return username == null ? "https://x.com/i/web/status/" + id : "https://x.com/" + username + "/status/" + id;
    }
}
