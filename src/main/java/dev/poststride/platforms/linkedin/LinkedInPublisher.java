package dev.poststride.platforms.linkedin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poststride.platforms.Outcome;
import dev.poststride.platforms.PlatformHttp.MaybeSent;
import dev.poststride.platforms.PlatformHttp.NotSent;
import dev.poststride.platforms.PlatformHttp.Reply;
import dev.poststride.platforms.PlatformHttp.UploadReply;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes to LinkedIn as the member: images through the Images API (one PUT each), video through the Videos API
 * (byte-range parts, etags, finalize, status until AVAILABLE), then {@code POST /rest/posts}; the post URN comes in
 * the {@code x-restli-id} header. A member's own posts cannot be listed, but LinkedIn refuses identical content with
 * {@code DUPLICATE_POST} naming the existing URN — so after an unknown outcome the post is sent once more, and a
 * duplicate answer to that resend means the first one landed.
 */
@ApplicationScoped
class LinkedInPublisher implements PlatformPublisher {

    private static final Pattern RESERVED = Pattern.compile("([\\\\|{}\\[\\]()<>*_~])");
    private static final Pattern POST_URN = Pattern.compile("urn:li:(?:share|ugcPost):\\d+");

    private final PlatformHttp http;
    private final Clock clock;
    private final String version;

    LinkedInPublisher(PlatformHttp http, Clock clock,
                      @ConfigProperty(name = LinkedInConfig.VERSION, defaultValue = LinkedInConfig.DEFAULT_VERSION)
                      String version) {
        this.http = http;
        this.clock = clock;
        this.version = version;
    }

    @Override
    public PlatformKey platform() {
        return LinkedInModule.KEY;
    }

    private LinkedInApi api() {
        return http.client(LinkedInApi.class, LinkedInModule.KEY);
    }

    private String version() {
        return version;
    }

    @Override
    public Outcome publish(PublishJob job) {
        String bearer = "Bearer " + job.credentials().accessToken();
        String author = author(job);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("author", author);
        body.put("commentary", escape(job.text()));
        body.put("visibility", "PUBLIC");
        body.put("distribution", Map.of("feedDistribution", "MAIN_FEED", "targetEntities", List.of(),
                                        "thirdPartyDistributionChannels", List.of()));
        body.put("lifecycleState", "PUBLISHED");
        body.put("isReshareDisabledByAuthor", false);
        try {
            List<Map<String, Object>> images = new ArrayList<>();
            for (PublishJob.Attachment attachment : job.media()) {
                if (attachment.media().mediaType().equals("document")) {
                    // A document post: one PDF, PowerPoint or Word file, shown as a carousel of its pages under its title.
                    body.put("content", Map.of("media", Map.of("id", uploadDocument(bearer, author, attachment),
                                                               "title", documentTitle(job, attachment))));
                } else if (attachment.media().mediaType().equals("video")) {
                    String video = uploadVideo(bearer, author, attachment);
                    body.put("content", Map.of("media", Map.of("id", video)));
                } else {
                    Map<String, Object> image = new LinkedHashMap<>();
                    image.put("id", uploadImage(bearer, author, attachment));
                    if (attachment.media().altText() != null) {
                        image.put("altText", attachment.media().altText());
                    }
                    images.add(image);
                }
            }
            if (images.size() == 1) {
                body.put("content", Map.of("media", images.getFirst()));
            } else if (images.size() > 1) {
                body.put("content", Map.of("multiImage", Map.of("images", images)));
            }
        } catch (StepFailed failed) {
            return failed.outcome();
        }
        return http.create("LinkedIn POST /rest/posts", () -> api().createPost(bearer, version(), body), reply -> {
            if (reply.ok()) {
                String urn = reply.header("x-restli-id");
                return urn == null ? new Outcome.OutcomeUnknown("LinkedIn answered " + reply.status()
                                                                + " without x-restli-id")
                        : new Outcome.Published(urn, permalink(urn));
            }
            if (reply.status() == 422 && reply.text().contains("DUPLICATE_POST")) {
                Matcher urn = POST_URN.matcher(reply.text());
                if (job.resend() && urn.find()) {
                    return new Outcome.Published(urn.group(), permalink(urn.group()));
                }
                return new Outcome.ContentRejected("duplicate_content", "LinkedIn already has a post with exactly"
                                                                        + " this text on this account.");
            }
            return failure(reply, true);
        });
    }

    /**
     * {@code POST /rest/socialActions/{post urn}/comments} {@code {actor, object, message: {text}}}: the first comment,
     * by the member who posted. The comment's URN comes back in {@code x-restli-id} (or the body's {@code $URN}).
     */
    @Override
    public Outcome comment(PublishJob job, String platformPostId, String text) {
        String bearer = "Bearer " + job.credentials().accessToken();
        Map<String, Object> body = Map.of("actor", author(job),
                                          "object", platformPostId, "message", Map.of("text", text));
        String urn = java.net.URLEncoder.encode(platformPostId, java.nio.charset.StandardCharsets.UTF_8);
        return http.create("LinkedIn comment", () -> api().comment(bearer, version(), urn, body), reply -> {
            if (reply.ok()) {
                String id = reply.header("x-restli-id") != null ? reply.header("x-restli-id")
                        : reply.body().path("$URN").asText(reply.body().path("id").asText(null));
                return id == null ? new Outcome.OutcomeUnknown("LinkedIn answered " + reply.status()
                                                               + " without an id")
                        : new Outcome.Published(id, permalink(platformPostId));
            }
            return failure(reply, true);
        });
    }

    /**
     * Who posts: a Company Page connection's account id is the organization's URN; a member's is their id, posted
     * as {@code urn:li:person:<id>}.
     */
    static String author(PublishJob job) {
        String account = job.credentials().accountId();
        return account.startsWith("urn:li:organization:") ? account : "urn:li:person:" + account;
    }

    /** Nothing to list for a member: the resend itself is the check (see the class comment). */
    @Override
    public Optional<Lookup> findExisting(PublishJob job, Instant since) {
        return Optional.of(new Lookup.Absent());
    }

    private String uploadImage(String bearer, String author, PublishJob.Attachment attachment) throws StepFailed {
        Reply init = call("LinkedIn images initializeUpload", () -> api().initializeImageUpload(
                bearer, version(), "initializeUpload", Map.of("initializeUploadRequest", Map.of("owner", author))));
        String uploadUrl = init.body().path("value").path("uploadUrl").asText(null);
        String image = init.body().path("value").path("image").asText(null);
        if (uploadUrl == null || image == null) {
            throw new StepFailed(new Outcome.Transient("malformed", "LinkedIn initializeUpload answered no upload URL"));
        }
        put(uploadUrl, read(attachment, 0, attachment.media().sizeBytes()), attachment.media().mimeType());
        return image;
    }

    /** Documents API: initialize (same shape as images), one PUT of the whole file ({@code urn:li:document:…}). */
    private String uploadDocument(String bearer, String author, PublishJob.Attachment attachment) throws StepFailed {
        Reply init = call("LinkedIn documents initializeUpload", () -> api().initializeDocumentUpload(
                bearer, version(), "initializeUpload", Map.of("initializeUploadRequest", Map.of("owner", author))));
        String uploadUrl = init.body().path("value").path("uploadUrl").asText(null);
        String document = init.body().path("value").path("document").asText(null);
        if (uploadUrl == null || document == null) {
            throw new StepFailed(new Outcome.Transient("malformed", "LinkedIn documents initializeUpload answered no"
                                                                    + " upload URL"));
        }
        put(uploadUrl, read(attachment, 0, attachment.media().sizeBytes()), attachment.media().mimeType());
        return document;
    }

    /** The option {@code document_title}, else the file's name without its extension. */
    private static String documentTitle(PublishJob job, PublishJob.Attachment attachment) {
        String title = job.options().path("document_title").asText(null);
        if (title != null) {
            return title;
        }
        String name = attachment.media().originalFilename();
        if (name == null || name.isBlank()) {
            return "Document";
        }
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private String uploadVideo(String bearer, String author, PublishJob.Attachment attachment) throws StepFailed {
        Reply init = call("LinkedIn videos initializeUpload", () -> api().videoAction(
                bearer, version(), "initializeUpload", Map.of("initializeUploadRequest", Map.of(
                        "owner", author, "fileSizeBytes", attachment.media().sizeBytes(), "uploadCaptions", false,
                        "uploadThumbnail", false))));
        JsonNode value = init.body().path("value");
        String video = value.path("video").asText(null);
        if (video == null || !value.path("uploadInstructions").isArray()) {
            throw new StepFailed(new Outcome.Transient("malformed", "LinkedIn video initializeUpload answered no plan"));
        }
        List<String> etags = new ArrayList<>();
        for (JsonNode part : value.path("uploadInstructions")) {
            long first = part.path("firstByte").asLong();
            long last = part.path("lastByte").asLong();
            UploadReply put = put(part.path("uploadUrl").asText(), read(attachment, first, last - first + 1),
                                  "application/octet-stream");
            etags.add(put.headers().firstValue("etag").orElse(""));
        }
        Map<String, Object> finalize = new LinkedHashMap<>();
        finalize.put("video", video);
        finalize.put("uploadToken", value.path("uploadToken").asText(""));
        finalize.put("uploadedPartIds", etags);
        call("LinkedIn videos finalizeUpload", () -> api().videoAction(bearer, version(), "finalizeUpload",
                                                                       Map.of("finalizeUploadRequest", finalize)));
        String processed = http.poll(poll -> {
            Reply status = call("LinkedIn video status", () -> api().video(bearer, version(), video));
            String state = status.body().path("status").asText("");
            if (state.equals("AVAILABLE")) {
                return new PlatformHttp.Poll.Done<>(video);
            }
            if (state.equals("PROCESSING_FAILED")) {
                throw new StepFailed(new Outcome.MediaRejected("video_processing_failed", status.body()
                        .path("processingFailureReason").asText("LinkedIn could not process the video")));
            }
            return new PlatformHttp.Poll.Again<>(Duration.ofSeconds(poll == 0 ? 0 : 2));
        }, () -> null);
        if (processed == null) {
            throw new StepFailed(new Outcome.Transient("media_processing", "LinkedIn was still processing the video"));
        }
        return processed;
    }

    /** An upload step: its 2xx answer, or StepFailed with what LinkedIn's refusal means. */
    private Reply call(String what, java.util.function.Supplier<jakarta.ws.rs.core.Response> request) throws StepFailed {
        Reply reply = http.step(what, "media_upload", request);
        if (!reply.ok()) {
            throw new StepFailed(failure(reply, false));
        }
        return reply;
    }

    private UploadReply put(String url, byte[] bytes, String contentType) throws StepFailed {
        try {
            UploadReply reply = http.putBytes(url, bytes, contentType, Map.of());
            if (!reply.ok()) {
                throw new StepFailed(reply.status() >= 500 ? new Outcome.Transient("upload_" + reply.status(),
                                                                               "LinkedIn upload answered " + reply.status())
                        : new Outcome.MediaRejected("upload_" + reply.status(), "LinkedIn refused the upload ("
                                                                               + reply.status() + ")"));
            }
            return reply;
        } catch (NotSent | MaybeSent e) {
            throw new StepFailed(new Outcome.Transient("media_upload", e.getMessage()));
        }
    }

    private static byte[] read(PublishJob.Attachment attachment, long offset, long length) throws StepFailed {
        long available = Math.max(0, attachment.media().sizeBytes() - offset);
        try (InputStream in = attachment.content().open()) {
            in.skipNBytes(offset);
            return in.readNBytes((int) Math.min(length, available));
        } catch (IOException e) {
            throw new StepFailed(new Outcome.Transient("media_read", "the media file could not be read"));
        }
    }

    private Outcome failure(Reply reply, boolean createCall) {
        String detail = PlatformHttp.describe(reply);
        String code = reply.body().path("code").asText("");
        int status = reply.status();
        if (status == 401) {
            // Also REVOKED_ACCESS_TOKEN (65601): the engine confirms it before the connection is disabled.
            return new Outcome.TokenRefused(detail);
        }
        if (status == 429) {
            // LinkedIn documents no reset header (a Retry-After is honoured); its daily buckets reset at 00:00 UTC.
            Instant midnight = clock.instant().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
            Instant hour = clock.instant().plus(1, ChronoUnit.HOURS);
            return new Outcome.RateLimited(reply.retryAfter(clock).orElse(hour.isBefore(midnight) ? hour : midnight),
                                           detail);
        }
        if (status >= 500 || status == 409 || status == 426) {
            return createCall && status >= 500 ? new Outcome.OutcomeUnknown("LinkedIn answered " + status)
                    : new Outcome.Transient(status == 426 ? "nonexistent_version" : "http_" + status, detail);
        }
        return createCall ? new Outcome.ContentRejected("linkedin_" + status, detail)
                : new Outcome.MediaRejected("linkedin_media_" + status, detail);
    }

    /** LinkedIn's "little" text format: reserved characters must be escaped or the post is silently cut. */
    static String escape(String text) {
        return RESERVED.matcher(text).replaceAll("\\\\$1");
    }

    private static String permalink(String urn) {
        return "https://www.linkedin.com/feed/update/" + urn + "/";
    }
}
