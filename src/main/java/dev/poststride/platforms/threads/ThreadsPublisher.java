package dev.poststride.platforms.threads;

import dev.poststride.platforms.Outcome;
import dev.poststride.platforms.PlatformHttp;
import dev.poststride.platforms.PlatformHttp.Reply;
import dev.poststride.platforms.PlatformKey;
import dev.poststride.platforms.PlatformPublisher;
import dev.poststride.platforms.PublishingQuota;
import dev.poststride.platforms.PublishJob;
import dev.poststride.platforms.StepFailed;
import dev.poststride.platforms.meta.GraphContainers;
import dev.poststride.platforms.meta.GraphErrors;
import dev.poststride.platforms.meta.GraphQuota;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Publishes to Threads (platform-apis-more.md 10.2–10.7): a container (TEXT, IMAGE or VIDEO, or carousel items and a
 * CAROUSEL parent, the media pulled by Threads from the signed URLs), polled until {@code FINISHED}, then
 * {@code threads_publish}. A thread's parts and a first comment are replies ({@code reply_to_id}) published the same
 * way.
 *
 * <p>What was done is checkpointed before each publish: {@code container:<id>} for the post, and
 * {@code thread:<post id>,<part id>,...} once parts are live, with {@code ;container:<id>} for the part in flight.
 * After an unknown outcome the container is asked whether it is {@code PUBLISHED} before anything is sent again; a
 * later attempt publishes a container it already built (Threads has no idempotency key; an unpublished container is
 * invisible and expires in 24 hours).
 */
@ApplicationScoped
class ThreadsPublisher implements PlatformPublisher {

    static final String CONTAINER = "container:";
    static final String THREAD = "thread:";
    private static final String PERMALINK = "https://www.threads.com/";

    private final PlatformHttp http;
    private final Clock clock;
    private final GraphContainers containers;

    ThreadsPublisher(PlatformHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
        this.containers = new GraphContainers(http, clock, "Threads", "status", "error_message");
    }

    @Override
    public PlatformKey platform() {
        return ThreadsModule.KEY;
    }

    /** The profile a job publishes to: the REST client, the token (sent as Meta documents, a parameter) and its id. */
    private record Account(ThreadsApi api, String token, String user) {
        @Override
        public String toString() {
            return "Account[" + user + "]";
        }
    }

    private Account account(PublishJob job) {
        return new Account(http.client(ThreadsApi.class, ThreadsModule.KEY), job.credentials().accessToken(),
                           job.credentials().accountId());
    }

    /**
     * Where a publish stands, from its checkpoint: the ids of the thread's posts already live (the post first) and the
     * container built for the next one, if any.
     */
    record Progress(List<String> live, String container) {

        static Progress of(String checkpoint) {
            if (checkpoint == null || checkpoint.isBlank()) {
                return new Progress(List.of(), null);
            }
            String container = null;
            String thread = checkpoint;
            int at = checkpoint.indexOf(CONTAINER);
            if (at >= 0) {
                container = checkpoint.substring(at + CONTAINER.length());
                thread = checkpoint.substring(0, at).replaceFirst(";$", "");
            }
            List<String> live = thread.startsWith(THREAD) && thread.length() > THREAD.length()
                    ? List.of(thread.substring(THREAD.length()).split(",")) : List.of();
            return new Progress(live, container == null || container.isBlank() ? null : container);
        }

        String checkpoint() {
            String thread = live.isEmpty() ? "" : THREAD + String.join(",", live);
            return container == null ? thread : thread + (thread.isEmpty() ? "" : ";") + CONTAINER + container;
        }

        Progress withContainer(String id) {
            return new Progress(live, id);
        }

        Progress withLive(String id) {
            List<String> more = new ArrayList<>(live);
            more.add(id);
            return new Progress(List.copyOf(more), null);
        }
    }

    @Override
    public Outcome publish(PublishJob job) {
        Account account = account(job);
        List<String> parts = threadParts(job);
        Progress progress = Progress.of(job.checkpoint());
        if (progress.live().isEmpty() && progress.container() == null) {
            Optional<Outcome> spent = quotaSpent(account, parts.size());
            if (spent.isPresent()) {
                return spent.get();
            }
        }
        // The post, then each part as a reply to the one before; each live id is checkpointed as it lands, so a later
        // attempt continues after the last one and never posts one again.
        while (progress.live().size() <= parts.size()) {
            int index = progress.live().size();
            boolean post = index == 0;
            String text = post ? job.text() : parts.get(index - 1);
            List<PublishJob.Attachment> media = post ? job.media()
                    : index - 1 < job.threadMedia().size() ? job.threadMedia().get(index - 1) : List.of();
            String replyTo = post ? null : progress.live().getLast();
            String what = post ? "Threads post" : "Threads thread part " + index;
            Outcome one = publishOne(job, account, progress, text, media, replyTo, post, what);
            if (!(one instanceof Outcome.Published published)) {
                return post ? one : partFailed(one, progress.live());
            }
            progress = progress.withLive(published.platformPostId());
            if (parts.isEmpty()) {
                return published;
            }
            job.remember(progress.checkpoint());
        }
        return new Outcome.Published(progress.live().getFirst(), permalink(account, progress.live().getFirst()));
    }

    /** Builds (or reuses) the container of one post or reply, checkpoints it, and publishes it. */
    private Outcome publishOne(PublishJob job, Account account, Progress progress, String text,
                               List<PublishJob.Attachment> media, String replyTo, boolean post, String what) {
        String container = null;
        try {
            if (progress.container() != null) {
                String status = status(account, progress.container());
                if (status.equals("PUBLISHED")) {
                    // Published by an earlier attempt whose answer was lost: settled, never published again.
                    String mediaId = recent(account, text).orElse(progress.container());
                    return new Outcome.Published(mediaId, permalink(account, mediaId));
                }
                if (!status.equals("EXPIRED") && !status.equals("ERROR")) {
                    container = status.equals("FINISHED") ? progress.container()
                            : awaitReady(account, progress.container());
                }
            }
            if (container == null) {
                container = build(account, job, text, media, replyTo, post);
                job.remember(progress.withContainer(container).checkpoint());
            }
        } catch (StepFailed failed) {
            return failed.outcome();
        }
        String ready = container;
        return http.create(what + " threads_publish", () -> account.api().publish(
                account.user(), form(account, "creation_id", ready)), published -> {
                    if (!published.ok() || published.body().has("error")) {
                        return GraphErrors.outcome(published, true, clock);
                    }
                    String mediaId = published.body().path("id").asText(null);
                    return mediaId == null ? new Outcome.OutcomeUnknown("threads_publish answered without an id")
                            : new Outcome.Published(mediaId, permalink(account, mediaId));
                });
    }

    /**
     * The status of a container an earlier attempt built: {@code FINISHED} (publish it), {@code PUBLISHED} (it went
     * out), {@code EXPIRED} or {@code ERROR} (build a new one: an unpublished container is invisible), or in progress.
     */
    private String status(Account account, String container) throws StepFailed {
        return containers.status(() -> account.api().node(account.token(), container, "status,error_message"));
    }

    /** The container for a text with its media: TEXT, IMAGE or VIDEO, or a CAROUSEL of 2–20 items. */
    private String build(Account account, PublishJob job, String text, List<PublishJob.Attachment> media,
                         String replyTo, boolean post) throws StepFailed {
        MultivaluedMap<String, String> body = form(account);
        if (media.isEmpty()) {
            body.add("media_type", "TEXT");
        } else if (media.size() == 1) {
            item(body, media.getFirst());
        } else {
            List<String> children = new ArrayList<>();
            for (PublishJob.Attachment attachment : media) {
                MultivaluedMap<String, String> child = form(account);
                item(child, attachment);
                child.add("is_carousel_item", "true");
                children.add(create(account, child));
            }
            body.add("media_type", "CAROUSEL");
            body.add("children", String.join(",", children));
        }
        if (text != null && !text.isEmpty()) {
            body.add("text", text);
        }
        if (replyTo != null) {
            body.add("reply_to_id", replyTo);
        }
        String control = job.options().path(ThreadsRules.REPLY_CONTROL).asText(null);
        if (post && control != null) {
            body.add("reply_control", control);
        }
        return create(account, body);
    }

    private static void item(MultivaluedMap<String, String> body, PublishJob.Attachment attachment) {
        boolean video = attachment.media().mediaType().equals("video");
        body.add("media_type", video ? "VIDEO" : "IMAGE");
        body.add(video ? "video_url" : "image_url", attachment.anyHostUrl().get());
        if (attachment.media().altText() != null) {
            body.add("alt_text", attachment.media().altText());
        }
    }

    /** Creates a container and waits (bounded) until Threads has fetched and processed its media. */
    private String create(Account account, MultivaluedMap<String, String> body) throws StepFailed {
        String id = containers.created(containers.step("Threads container", () -> account.api().createContainer(
                account.user(), body)));
        return awaitReady(account, id);
    }

    private String awaitReady(Account account, String id) throws StepFailed {
        return containers.awaitReady(id, () -> account.api().node(account.token(), id, "status,error_message"));
    }

    /**
     * A part that failed for good leaves the thread incomplete with its first posts live: said so, with their ids (a
     * retry of the target continues after them). Anything that may pass goes back to the engine as it is.
     */
    private static Outcome partFailed(Outcome part, List<String> live) {
        String done = "the thread's first " + live.size() + " post(s) are live (" + String.join(", ", live) + ")";
        return switch (part) {
            case Outcome.ContentRejected c -> new Outcome.ContentRejected(
                    "thread_incomplete", done + "; part " + live.size() + " was refused: " + c.reason());
            case Outcome.MediaRejected m -> new Outcome.ContentRejected(
                    "thread_incomplete", done + "; part " + live.size() + " was refused: " + m.reason());
            default -> part;
        };
    }

    /** The texts of the parts after the post ({@code options.thread}); empty for a single post. */
    private static List<String> threadParts(PublishJob job) {
        List<String> parts = new ArrayList<>();
        job.options().path(ThreadsRules.THREAD).forEach(part -> parts.add(part.isObject() ? part.path("text").asText()
                : part.asText()));
        return parts;
    }

    /**
     * Reads the profile's {@code threads_publishing_limit} before a new post: when its 250 posts a day are spent, or
     * its replies would not leave room for the thread's parts, nothing is created and the target waits an hour (then
     * reads it again). When Meta does not answer, publishing goes on.
     */
    private Optional<Outcome> quotaSpent(Account account, int replies) {
        Optional<Reply> limit = http.read("Threads publishing limit", () -> account.api().publishingLimit(
                account.token(), account.user(), "quota_usage,config,reply_quota_usage,reply_config"));
        if (limit.isEmpty()) {
            return Optional.empty();
        }
        Instant later = clock.instant().plus(Duration.ofHours(1));
        Optional<PublishingQuota> posts = GraphQuota.posts(limit.get().body()).filter(PublishingQuota::spent);
        if (posts.isPresent()) {
            return Optional.of(new Outcome.RateLimited(later, "Threads' publishing limit for this profile is spent: "
                    + posts.get().used() + " of " + posts.get().total() + " posts in the last 24 hours;"
                    + " publishing resumes when the oldest of them leaves the window."));
        }
        Optional<PublishingQuota> room = GraphQuota.of(limit.get().body(), "reply_quota_usage", "reply_config")
                .filter(quota -> replies > 0 && quota.used() + replies > quota.total());
        return room.map(quota -> new Outcome.RateLimited(later, "Threads' reply limit for this profile leaves no room"
                + " for this thread's " + replies + " parts: " + quota.used() + " of " + quota.total()
                + " replies in the last 24 hours."));
    }

    /** A first comment: a TEXT reply to the published post ({@code threads_manage_replies}). */
    @Override
    public Outcome comment(PublishJob job, String platformPostId, String text) {
        Account account = account(job);
        String container;
        try {
            MultivaluedMap<String, String> body = form(account, "media_type", "TEXT", "text", text, "reply_to_id",
                                                       platformPostId);
            container = create(account, body);
        } catch (StepFailed failed) {
            return failed.outcome();
        }
        return http.create("Threads comment threads_publish", () -> account.api().publish(
                account.user(), form(account, "creation_id", container)), published -> {
                    if (!published.ok() || published.body().has("error")) {
                        return GraphErrors.outcome(published, true, clock);
                    }
                    String id = published.body().path("id").asText(null);
                    return id == null ? new Outcome.OutcomeUnknown("threads_publish answered without an id")
                            : new Outcome.Published(id, null);
                });
    }

    /**
     * After an unknown outcome the container in flight is asked: {@code PUBLISHED} settles it (the media id from the
     * profile's recent posts, matched by text, else the container's id). For a thread this reconciles instead: a part
     * found live is added to the checkpoint and the answer is "absent" in the engine's sense that sending is safe (the
     * publish continues after it). No container means nothing was published.
     */
    @Override
    public Optional<Lookup> findExisting(PublishJob job, Instant since) {
        Progress progress = Progress.of(job.checkpoint());
        if (progress.container() == null) {
            return Optional.of(new Lookup.Absent());
        }
        Account account = account(job);
        Optional<Reply> status = http.read("Threads container status", () -> account.api().node(
                account.token(), progress.container(), "status"));
        if (status.isEmpty()) {
            return Optional.empty();
        }
        if (!status.get().body().path("status").asText("").equals("PUBLISHED")) {
            return Optional.of(new Lookup.Absent());
        }
        List<String> parts = threadParts(job);
        String text = progress.live().isEmpty() ? job.text() : parts.get(progress.live().size() - 1);
        String mediaId = recent(account, text).orElse(progress.container());
        if (parts.isEmpty()) {
            return Optional.of(new Lookup.Found(mediaId, permalink(account, mediaId)));
        }
        job.remember(progress.withLive(mediaId).checkpoint());
        return Optional.of(new Lookup.Absent());
    }

    /** The id of the profile's recent post with this text, if Threads answers and has one. */
    private Optional<String> recent(Account account, String text) {
        return http.read("Threads recent posts", () -> account.api().recent(account.token(), account.user(),
                                                                             "id,text,timestamp,permalink", 25))
                .flatMap(reply -> PlatformHttp.findByText(reply.body().path("data"), "text", text, String::strip))
                .map(post -> post.path("id").asText());
    }

    private String permalink(Account account, String mediaId) {
        return http.read("Threads permalink", () -> account.api().node(account.token(), mediaId, "permalink"))
                .map(reply -> reply.body().path("permalink").asText(null))
                .orElse(PERMALINK);
    }

    private static MultivaluedMap<String, String> form(Account account, String... namesAndValues) {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        form.add("access_token", account.token());
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return form;
    }
}
