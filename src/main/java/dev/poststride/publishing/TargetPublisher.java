package dev.poststride.publishing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poststride.common.SqlValues;
import dev.poststride.media.FitSpec;
import dev.poststride.media.MediaRenditions;
import dev.poststride.media.MediaService;
import dev.poststride.media.MediaView;
import dev.poststride.media.Rendition;
import dev.poststride.platform.ConnectionCredentials;
import dev.poststride.platform.TokenRefusals.Verdict;
import dev.poststride.platform.TokenRefusals;
import dev.poststride.platforms.Credentials;
import dev.poststride.platforms.Outcome.AuthRevoked;
import dev.poststride.platforms.Outcome.ContentRejected;
import dev.poststride.platforms.Outcome.MediaRejected;
import dev.poststride.platforms.Outcome.OutcomeUnknown;
import dev.poststride.platforms.Outcome.Published;
import dev.poststride.platforms.Outcome.RateLimited;
import dev.poststride.platforms.Outcome.TokenRefused;
import dev.poststride.platforms.Outcome.Transient;
import dev.poststride.platforms.Outcome;
import dev.poststride.platforms.PlatformModules;
import dev.poststride.platforms.PlatformPublisher.Lookup;
import dev.poststride.platforms.PlatformPublisher;
import dev.poststride.platforms.PublishJob;
import dev.poststride.platforms.StepFailed;
import dev.poststride.platforms.TargetOption;
import dev.poststride.platforms.TargetOptions;
import dev.poststride.post.PostStatus;
import dev.poststride.post.TargetStates.Claimed;
import dev.poststride.post.TargetStates.Completion;
import dev.poststride.post.TargetStates;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Publishes one claimed target: builds the job, refreshes the token once on an expired-token answer, never resends
 * after an unknown outcome without first looking for the post, and writes the result under the lease. No
 * transaction is open while a platform is called.
 */
@ApplicationScoped
class TargetPublisher {

    private static final Logger LOG = Logger.getLogger(TargetPublisher.class);
    /** The last attempt could not tell whether its send landed: the next one looks before it sends. */
    static final String UNCHECKED = "outcome_unchecked";

    /** A derived copy of an image could not be made from it (refused here; the platform was never called). */
    static final String UNFITTABLE = "media_unfittable";

    private final PlatformModules modules;
    private final TargetStates states;
    private final ConnectionCredentials credentials;
    private final TokenRefusals refusals;
    private final MediaService media;
    private final MediaRenditions renditions;
    private final PublishingConfig config;
    private final DataSource db;
    private final MeterRegistry metrics;
    private final ObjectMapper json;
    private final Clock clock;

    TargetPublisher(PlatformModules modules, TargetStates states, ConnectionCredentials credentials,
                    TokenRefusals refusals, MediaService media, MediaRenditions renditions,
                    PublishingConfig config, DataSource db, MeterRegistry metrics, ObjectMapper json, Clock clock) {
        this.renditions = renditions;
        this.modules = modules;
        this.states = states;
        this.credentials = credentials;
        this.refusals = refusals;
        this.media = media;
        this.config = config;
        this.db = db;
        this.metrics = metrics;
        this.json = json;
        this.clock = clock;
    }

    /** The platforms this engine can publish to. */
    List<String> platforms() {
        return modules.all().stream().map(m -> m.key().key()).toList();
    }

    /**
     * Runs the claimed attempt to its end; returns the outcome that was stored (empty if the target was deleted).
     * Throws {@link LeaseLost} when a checkpoint or the outcome finds the lease gone.
     */
    Optional<Outcome> publish(Claimed claimed, String owner) {
        Instant started = clock.instant();
        Optional<Context> context = context(claimed.targetId());
        if (context.isEmpty()) {
            return Optional.empty(); // deleted while claimed
        }
        boolean unchecked = UNCHECKED.equals(context.get().lastErrorCode());
        // Whether a send of this target may have landed unseen (before this attempt, or during it): from then on the
        // attempt cannot end as "not published" (see unsure()). The doubt is said in the end's message as evidence.
        String doubt = claimed.recovered() ? "the instance that published it before stopped mid-publish"
                : unchecked ? context.get().lastErrorMessage() : null;
        Optional<Credentials> account = credentials.of(context.get().connectionId());
        if (account.isEmpty() || !account.get().active()) {
            // Without a grant the post cannot be looked for: if an earlier send may have landed, say so.
            Outcome ended = new AuthRevoked("The account is no longer connected; connect it again and retry.");
            return finish(claimed, owner, started, context.get(), ended, doubt);
        }
        PlatformPublisher publisher = modules.of(account.get().platform()).publisher();
        PublishJob job;
        try {
            job = job(claimed, owner, context.get(), account.get());
        } catch (StepFailed noCopy) {
            return finish(claimed, owner, started, context.get(), noCopy.outcome(), doubt);
        }

        if (claimed.recovered() || unchecked) {
            // The instance that held this target stopped mid-publish, or the last attempt could not find out whether
            // its send landed: the post may exist already. If it is provably absent, the send is a resend (a
            // platform's duplicate answer then means the first one landed).
            Instant since = claimed.recovered() ? claimed.previousAttemptStartedAt()
                    : firstAttemptStartedAt(claimed.targetId());
            Optional<Outcome> known = lookFor(publisher, job, since, claimed);
            if (known.isPresent()) {
                return firstComment(publisher, job, finish(claimed, owner, started, context.get(), known.get(),
                                                           doubt));
            }
            job = job.asResend();
        }
        Outcome outcome = send(publisher, job, context.get());
        if (outcome instanceof OutcomeUnknown || claimed.recovered() && isDuplicate(outcome)) {
            if (doubt == null) {
                doubt = outcome instanceof OutcomeUnknown unknown ? unknown.reason()
                        : "the platform reported a duplicate of a resent post";
            }
            outcome = settle(publisher, job, context.get(), claimed, started, outcome);
        }
        return firstComment(publisher, job, finish(claimed, owner, started, context.get(), outcome, doubt));
    }

    /**
     * After a publish stored as published: the target's first comment, if it has one, posted once (claimed in the
     * database first, so no retry, recovery or second instance posts it again). Its failure is recorded on the
     * comment only; the post stays published.
     */
    private Optional<Outcome> firstComment(PlatformPublisher publisher, PublishJob job, Optional<Outcome> stored) {
        String text = job.options().path("first_comment").asText(null);
        if (text == null || stored.isEmpty() || !(stored.get() instanceof Published published)
            || !states.claimFirstComment(job.targetId())) {
            return stored;
        }
        Outcome comment;
        try {
            comment = publisher.comment(job, published.platformPostId(), text);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Target %s: the first comment failed unexpectedly", job.targetId());
            comment = new Transient("internal_error", "the comment could not be posted");
        }
        String error = switch (comment) {
            case Published p -> null;
            case OutcomeUnknown u -> "The comment may or may not have been posted (" + u.reason() + "); check the"
                                     + " post.";
            case RateLimited r -> "The platform asked to wait until " + r.until() + ": " + r.detail();
            case Transient t -> t.code() + ": " + t.reason();
            case ContentRejected c -> c.code() + ": " + c.reason();
            case MediaRejected m -> m.code() + ": " + m.reason();
            case TokenRefused t -> "the access token was refused: " + t.detail();
            case AuthRevoked a -> "the platform refused the grant (a permission may be missing): " + a.detail();
        };
        states.recordFirstComment(job.targetId(), error == null,
                                  comment instanceof Published p ? p.platformPostId() : null, error);
        metrics.counter("poststride.publish.first_comments", "platform", publisher.platform().key(), "outcome",
                        comment.label()).increment();
        return stored;
    }

    /**
     * What an attempt ends as when a send of its target may have landed unseen. A look-up that finds nothing is no
     * proof (LinkedIn has none and relies on its duplicate answer; a request can land after the look-up), so a later
     * failure of a resend must not turn a live post into a failed one: an auth failure (the grant went away
     * meanwhile) or a last attempt ends as unknown, and a retry looks for the post before anything is sent again.
     */
    private Outcome unsure(Claimed claimed, Context context, Outcome outcome, String doubt) {
        boolean last = claimed.attempt() >= config.maxAttempts();
        return switch (outcome) {
            case AuthRevoked revoked -> {
                credentials.markNeedsReauth(context.connectionId(), revoked.detail());
                yield new OutcomeUnknown("an earlier send may have landed (" + doubt + "), and the account must be"
                                         + " connected again before that can be checked (" + revoked.detail() + ")");
            }
            case TokenRefused refused -> new OutcomeUnknown("an earlier send may have landed (" + doubt + "), and the"
                                                            + " access token was refused before that could be"
                                                            + " checked (" + refused.detail() + ")");
            case Transient t when last -> new OutcomeUnknown("an earlier send may have landed (" + doubt + ") and the"
                                                             + " last attempt could not check it (" + t.reason()
                                                             + ")");
            case Transient t when !UNCHECKED.equals(t.code()) -> new Transient(
                    UNCHECKED, t.reason() + "; an earlier send may have landed, so the post is looked for before"
                               + " anything is resent");
            case RateLimited r when last -> new OutcomeUnknown("an earlier send may have landed (" + doubt + ") and"
                                                               + " the platform asked to wait before it could be"
                                                               + " checked");
            default -> outcome;
        };
    }

    /**
     * After an unknown outcome (or a duplicate answer to a resend): found, published; absent, sent once more; a
     * duplicate answer to that means the first send landed, so its id is looked for.
     */
    private Outcome settle(PlatformPublisher publisher, PublishJob job, Context context, Claimed claimed,
                           Instant started, Outcome first) {
        Instant since = claimed.recovered() && claimed.previousAttemptStartedAt() != null
                ? claimed.previousAttemptStartedAt() : started;
        Optional<Outcome> known = lookFor(publisher, job, since, claimed);
        if (known.isPresent()) {
            return known.get();
        }
        if (isDuplicate(first)) {
            return new OutcomeUnknown("the platform reports a duplicate but the post was not found");
        }
        LOG.infof("Target %s: the post is provably absent after '%s'; sending once more", claimed.targetId(),
                  ((OutcomeUnknown) first).reason());
        Outcome outcome = send(publisher, job.asResend(), context);
        boolean duplicate = isDuplicate(outcome);
        if (outcome instanceof OutcomeUnknown || duplicate) {
            Outcome resent = outcome;
            outcome = lookFor(publisher, job, since, claimed).orElseGet(() -> duplicate
                    ? new OutcomeUnknown("the platform reports a duplicate but the post was not found")
                    : notFoundYet(claimed, resent));
        }
        return outcome;
    }

    /**
     * The resend's outcome is unknown too and its post not found: a creation may still be landing, so a later
     * attempt looks again (and resends only if it is still absent); the last attempt ends as unknown.
     */
    private Outcome notFoundYet(Claimed claimed, Outcome resent) {
        if (claimed.attempt() < config.maxAttempts()) {
            return new Transient(UNCHECKED, "two sends ended without an answer and the post was not found yet; it is"
                                            + " looked for again before anything is resent");
        }
        return resent;
    }

    private static boolean isDuplicate(Outcome outcome) {
        return outcome instanceof ContentRejected rejected && "duplicate_content".equals(rejected.code());
    }

    /**
     * One send with the checkpoint as stored now (so a retry continues a multi-step flow instead of restarting it). A
     * refused access token is judged by {@link TokenRefusals}: at most one more call with a renewed token, else a retry
     * later, and the grant counts as gone only on a definitive signal.
     */
    private Outcome send(PlatformPublisher publisher, PublishJob job, Context context) {
        Outcome outcome = call(publisher, job);
        if (!(outcome instanceof TokenRefused refused)) {
            return outcome;
        }
        boolean refusedLastTime = TokenRefusals.TOKEN_REFUSED.equals(context.lastErrorCode());
        return switch (refusals.refused(job.credentials(), refused.detail(), refusedLastTime)) {
            case Verdict.UseRenewed renewed -> {
                Outcome again = call(publisher, job.with(renewed.credentials()));
                yield again instanceof TokenRefused second ? outcome(refusals.refusedAfterRenewal(second.detail()))
                        : again;
            }
            case Verdict verdict -> outcome(verdict);
        };
    }

    /** A publish call; a post that went out shows the platform accepted the token (recorded once per token). */
    private Outcome call(PlatformPublisher publisher, PublishJob job) {
        Outcome outcome = publisher.publish(job.current());
        if (outcome instanceof Published) {
            credentials.recordAccepted(job.credentials());
        }
        return outcome;
    }

    private static Outcome outcome(Verdict verdict) {
        return switch (verdict) {
            case Verdict.RetryLater later -> new Transient(later.code(), later.reason());
            case Verdict.Revoked revoked -> new AuthRevoked(revoked.reason());
            case Verdict.UseRenewed renewed -> throw new IllegalStateException("a renewed token is used by send()");
        };
    }

    /**
     * Looks for the post after an unknown outcome. Found: published. Absent: empty (safe to send). The platform
     * cannot tell (the look-up failed too): the target retries later and looks again before anything is resent
     * ({@value #UNCHECKED}); on its last attempt, an unknown outcome that ends it, rather than risking a duplicate.
     */
    private Optional<Outcome> lookFor(PlatformPublisher publisher, PublishJob job, Instant since, Claimed claimed) {
        Instant from = since != null ? since : clock.instant().minus(config.leaseDuration().multipliedBy(2));
        Optional<Lookup> lookup = publisher.findExisting(job.current(), from);
        if (lookup.isEmpty() && claimed.attempt() < config.maxAttempts()) {
            return Optional.of(new Transient(UNCHECKED, "the platform did not say whether the post was created;"
                                                        + " it is looked for again before anything is resent"));
        }
        if (lookup.isEmpty()) {
            return Optional.of(new OutcomeUnknown("could not check whether the post was created"));
        }
        return switch (lookup.get()) {
            case Lookup.Found found -> Optional.of(new Published(found.platformPostId(), found.permalink()));
            case Lookup.Absent absent -> Optional.empty();
        };
    }

    /**
     * {@code doubt}, when not null: why a send may have landed unseen (see {@link #unsure}); a rate-limited retry then
     * looks first.
     */
    private Optional<Outcome> finish(Claimed claimed, String owner, Instant started, Context context,
                                     Outcome result, String doubt) {
        boolean unsure = doubt != null;
        Outcome outcome = unsure ? unsure(claimed, context, result, doubt) : result;
        Instant now = clock.instant();
        Completion completion = switch (outcome) {
            case Published p -> new Completion(PostStatus.TARGET_PUBLISHED, p.platformPostId(), p.permalink(), null,
                                               null, null, null);
            case RateLimited r -> retryOrFail(claimed, r.until(), unsure ? UNCHECKED : "rate_limited",
                                              "The platform asked to wait until " + r.until() + ". " + r.detail());
            case Transient t -> retryOrFail(claimed, backoff(claimed.attempt(), now), t.code(), t.reason());
            case TokenRefused t -> retryOrFail(claimed, backoff(claimed.attempt(), now), TokenRefusals.TOKEN_REFUSED,
                                               "The platform refused the access token: " + t.detail());
            case AuthRevoked a -> {
                credentials.markNeedsReauth(context.connectionId(), a.detail());
                yield new Completion(PostStatus.TARGET_FAILED, null, null, null, "auth_revoked",
                                     "The account must be connected again: " + a.detail(), false);
            }
            case ContentRejected c -> new Completion(PostStatus.TARGET_FAILED, null, null, null, c.code(),
                                                     "The platform refused the text: " + c.reason(), false);
            case MediaRejected m -> new Completion(PostStatus.TARGET_FAILED, null, null, null, m.code(),
                                                   UNFITTABLE.equals(m.code()) ? m.reason()
                                                           : "The platform refused the media: " + m.reason(), false);
            case OutcomeUnknown u -> new Completion(PostStatus.TARGET_FAILED, null, null, null, "outcome_unknown",
                                                    "The post may or may not have been published (" + u.reason()
                                                    + "); check the account before retrying.", false);
        };
        if (outcome instanceof RateLimited r) {
            states.pauseConnection(claimed.targetId(), r.until());
        }
        boolean stored = states.complete(claimed, owner, outcome.label(), truncate(completion), started, now);
        if (!stored) {
            throw new LeaseLost("the lease was lost before its outcome (" + outcome.label() + ") could be stored");
        }
        String platform = context.platform();
        metrics.counter("poststride.publish.outcomes", "platform", platform, "outcome", outcome.label()).increment();
        if (outcome instanceof Published && context.scheduledAt() != null) {
            metrics.timer("poststride.publish.lateness", "platform", platform)
                    .record(Duration.between(context.scheduledAt(), now).abs());
        }
        LOG.infof("Target %s (%s) attempt %d: %s", claimed.targetId(), platform, claimed.attempt(), outcome.label());
        return Optional.of(outcome);
    }

    private Completion retryOrFail(Claimed claimed, Instant next, String code, String message) {
        if (claimed.attempt() >= config.maxAttempts()) {
            return new Completion(PostStatus.TARGET_FAILED, null, null, null, code,
                                  message + " Gave up after " + claimed.attempt() + " attempts.", true);
        }
        return new Completion(PostStatus.TARGET_PENDING, null, null, next, code, message, true);
    }

    /** Exponential backoff with ±20 % jitter, so targets that failed together do not return together. */
    Instant backoff(int attempt, Instant now) {
        long base = config.initialBackoff().toMillis() << Math.min(attempt - 1, 16);
        long capped = Math.min(base, config.maxBackoff().toMillis());
        long jittered = (long) (capped * ThreadLocalRandom.current().nextDouble(0.8, 1.2));
        return now.plusMillis(jittered);
    }

    private static Completion truncate(Completion c) {
        String message = c.errorMessage() == null || c.errorMessage().length() <= 2000 ? c.errorMessage()
                : c.errorMessage().substring(0, 1997) + "...";
        String code = c.errorCode() == null || c.errorCode().length() <= 100 ? c.errorCode()
                : c.errorCode().substring(0, 100);
        return new Completion(c.status(), c.platformPostId(), c.permalink(), c.nextAttemptAt(), code, message,
                              c.retryable());
    }

    // ---- the job -------------------------------------------------------------------------------------------------

    private record Context(UUID postId, UUID connectionId, String text, Instant scheduledAt, List<UUID> mediaIds,
                           String platform, String checkpoint, String lastErrorCode, String lastErrorMessage,
                           JsonNode options,
                           Map<UUID, FitSpec> fitted) {
    }

    /** Everything about the target in one read, without a transaction (only this attempt writes it now). */
    private Optional<Context> context(UUID targetId) {
        try (Connection c = db.getConnection();
             PreparedStatement read = c.prepareStatement(
                     "select p.id, pp.user_platform_id, coalesce(pp.content_override, p.content), p.scheduled_at,"
                     + " pp.platform, pp.platform_checkpoint, pp.last_error_code, pp.last_error_message,"
                     + " array(select media_id from post_media m where m.post_id = p.id order by m.position),"
                     + " pp.options, pp.fitted_media"
                     + " from post_platforms pp join posts p on p.id = pp.post_id where pp.id = ?")) {
            read.setObject(1, targetId);
            try (ResultSet rs = read.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp scheduled = rs.getTimestamp(4);
                List<UUID> mediaIds = List.of((UUID[]) rs.getArray(9).getArray());
                return Optional.of(new Context(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                                               rs.getString(3), scheduled == null ? null : scheduled.toInstant(),
                                               mediaIds, rs.getString(5), rs.getString(6), rs.getString(7),
                                               rs.getString(8), options(rs.getString(10)),
                                               fitted(rs.getString(11))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The target " + targetId + " could not be read", e);
        }
    }

    /** Which media the target publishes as derived copies, and each copy's recipe (none for most targets). */
    private Map<UUID, FitSpec> fitted(String text) {
        if (text == null) {
            return Map.of();
        }
        try {
            Map<UUID, FitSpec> fitted = new HashMap<>();
            for (JsonNode one : json.readTree(text)) {
                fitted.put(UUID.fromString(one.path("media_id").asText()),
                           json.treeToValue(one.path("spec"), FitSpec.class));
            }
            return fitted;
        } catch (IOException e) {
            throw new UncheckedIOException("The fitted media of a target are not JSON", e);
        }
    }

    private JsonNode options(String text) {
        try {
            return json.readTree(text == null ? "{}" : text);
        } catch (IOException e) {
            throw new UncheckedIOException("The options of a target are not JSON", e);
        }
    }

    /**
     * When the target's first attempt began: the earliest moment a send of it can have landed, where an unchecked
     * outcome's look-up starts. Read only on that path, never for an ordinary publish.
     */
    private Instant firstAttemptStartedAt(UUID targetId) {
        try (Connection c = db.getConnection();
             PreparedStatement read = c.prepareStatement(
                     "select min(started_at) from publish_attempts where post_platform_id = ?")) {
            read.setObject(1, targetId);
            try (ResultSet rs = read.executeQuery()) {
                return rs.next() ? SqlValues.instant(rs.getTimestamp(1)) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The attempts of target " + targetId + " could not be read", e);
        }
    }

    /**
     * The attempt's job. Media the target publishes as derived copies are attached as those copies (made now if no
     * earlier attempt or other target made them); a copy that cannot be made ends the attempt (StepFailed).
     */
    private PublishJob job(Claimed claimed, String owner, Context context, Credentials account) throws StepFailed {
        List<TargetOption> options = modules.of(account.platform()).rules().options();
        List<List<UUID>> partMediaIds = new ArrayList<>();
        TargetOptions.partsOption(options).ifPresent(parts -> context.options().path(parts.name()).forEach(part -> {
            List<UUID> ids = new ArrayList<>();
            part.path("media_ids").forEach(id -> ids.add(UUID.fromString(id.asText())));
            partMediaIds.add(ids);
        }));
        List<UUID> optionMediaIds = new ArrayList<>();
        for (TargetOption option : options) {
            String named = option.kind() == TargetOption.Kind.MEDIA ? context.options().path(option.name()).asText(null)
                    : null;
            if (named != null) {
                optionMediaIds.add(UUID.fromString(named));
            }
        }
        Set<UUID> all = new HashSet<>(context.mediaIds());
        partMediaIds.forEach(all::addAll);
        all.addAll(optionMediaIds);
        Map<UUID, MediaView> views = all.isEmpty() ? Map.of()
                : QuarkusTransaction.requiringNew().call(() -> media.findAny(all));
        List<List<PublishJob.Attachment>> threadMedia = new ArrayList<>();
        for (List<UUID> ids : partMediaIds) {
            threadMedia.add(attachments(ids, views, context));
        }
        Map<UUID, PublishJob.Attachment> optionMedia = new HashMap<>();
        for (PublishJob.Attachment attachment : attachments(optionMediaIds, views, context)) {
            optionMedia.put(attachment.media().id(), attachment);
        }
        return new PublishJob(claimed.targetId(), context.postId(), claimed.attempt(), account, context.text(),
                              context.options(), attachments(context.mediaIds(), views, context),
                              List.copyOf(threadMedia), Map.copyOf(optionMedia), false, context.checkpoint(),
                              new FencedCheckpoints(owner, claimed.attempt(), context.checkpoint()));
    }

    /** The media {@code ids} as sent to the platform: the target's fitting copy where it has one, else the original. */
    private List<PublishJob.Attachment> attachments(List<UUID> ids, Map<UUID, MediaView> views, Context context)
            throws StepFailed {
        List<PublishJob.Attachment> attachments = new ArrayList<>();
        for (UUID id : ids) {
            MediaView view = views.get(id);
            FitSpec spec = context.fitted().get(id);
            if (view != null && spec != null) {
                Rendition copy = copy(id, spec, view);
                attachments.add(new PublishJob.Attachment(view.as(copy), () -> renditions.open(copy),
                                                          () -> renditions.pullUrlForAnyHost(copy),
                                                          () -> renditions.pullUrlForVerifiedDomain(copy)));
            } else if (view != null) {
                attachments.add(new PublishJob.Attachment(view, () -> media.openForPublishing(id),
                                                          () -> pullUrl(() -> media.pullUrlForAnyHost(id)),
                                                          () -> pullUrl(() -> media.pullUrlForVerifiedDomain(id))));
            }
        }
        return List.copyOf(attachments);
    }

    private Rendition copy(UUID mediaId, FitSpec spec, MediaView original) throws StepFailed {
        try {
            return renditions.fitted(mediaId, spec);
        } catch (MediaRenditions.Unfittable e) {
            throw new StepFailed(new MediaRejected(UNFITTABLE, "A copy of " + label(original) + " that fits"
                                                                       + " the platform cannot be made: "
                                                                       + e.getMessage() + "."));
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "A copy of media %s could not be made", mediaId);
            throw new StepFailed(new Transient("media_unavailable", "A copy of " + label(original) + " that fits the"
                                                                    + " platform could not be made or stored now."));
        }
    }

    private static String label(MediaView media) {
        return media.originalFilename() != null ? media.originalFilename() : media.id().toString();
    }

    private interface UrlLookup {
        String get() throws IOException;
    }

    private static String pullUrl(UrlLookup lookup) {
        try {
            return lookup.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checkpoints written under this attempt's lease; a write that finds the lease gone stops the publish. */
    private final class FencedCheckpoints implements PublishJob.Checkpoints {

        private final String owner;
        private final int attempt;
        private volatile String latest;

        FencedCheckpoints(String owner, int attempt, String stored) {
            this.owner = owner;
            this.attempt = attempt;
            this.latest = stored;
        }

        @Override
        public void save(UUID targetId, String checkpoint) {
            if (!states.saveCheckpoint(targetId, owner, attempt, checkpoint)) {
                throw new LeaseLost("the lease was lost before the checkpoint '" + checkpoint + "' could be stored");
            }
            latest = checkpoint;
        }

        @Override
        public String latest() {
            return latest;
        }
    }
}
