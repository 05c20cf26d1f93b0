package dev.poststride.publishing;

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
import dev.poststride.post.TargetClaims.Claimed;
import dev.poststride.post.TargetStates;
import dev.poststride.post.TargetsToPublish.TargetToPublish;
import dev.poststride.post.TargetsToPublish;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

    private final PlatformModules modules;
    private final TargetStates states;
    private final TargetsToPublish targets;
    private final PublishJobs jobs;
    private final AttemptCompletion completion;
    private final ConnectionCredentials credentials;
    private final TokenRefusals refusals;
    private final PublishingConfig config;
    private final MeterRegistry metrics;
    private final Clock clock;

    TargetPublisher(PlatformModules modules, TargetStates states, TargetsToPublish targets, PublishJobs jobs,
                    AttemptCompletion completion, ConnectionCredentials credentials, TokenRefusals refusals,
                    PublishingConfig config, MeterRegistry metrics, Clock clock) {
        this.modules = modules;
        this.states = states;
        this.targets = targets;
        this.jobs = jobs;
        this.completion = completion;
        this.credentials = credentials;
        this.refusals = refusals;
        this.config = config;
        this.metrics = metrics;
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
        Optional<TargetToPublish> context = targets.read(claimed.targetId());
        if (context.isEmpty()) {
            return Optional.empty(); // deleted while claimed
        }
        boolean unchecked = UNCHECKED.equals(context.get().lastErrorCode());
        // Whether a send of this target may have landed unseen (before this attempt, or during it): from then on the
        // attempt cannot end as "not published" (see AttemptCompletion.unsure). The doubt is said in the end's message
        // as evidence.
        String doubt = claimed.recovered() ? "the instance that published it before stopped mid-publish"
                : unchecked ? context.get().lastErrorMessage() : null;
        Optional<Credentials> account = credentials.of(context.get().connectionId());
        if (account.isEmpty() || !account.get().active()) {
            // Without a grant the post cannot be looked for: if an earlier send may have landed, say so.
            Outcome ended = new AuthRevoked("The account is no longer connected; connect it again and retry.");
            return completion.finish(claimed, owner, started, context.get(), ended, doubt);
        }
        PlatformPublisher publisher = modules.of(account.get().platform()).publisher();
        PublishJob job;
        try {
            job = jobs.job(claimed, owner, context.get(), account.get());
        } catch (StepFailed noCopy) {
            return completion.finish(claimed, owner, started, context.get(), noCopy.outcome(), doubt);
        }

        if (claimed.recovered() || unchecked) {
            // The instance that held this target stopped mid-publish, or the last attempt could not find out whether
            // its send landed: the post may exist already. If it is provably absent, the send is a resend (a
            // platform's duplicate answer then means the first one landed).
            Instant since = claimed.recovered() ? claimed.previousAttemptStartedAt()
                    : targets.firstAttemptStartedAt(claimed.targetId());
            Optional<Outcome> known = lookFor(publisher, job, since, claimed);
            if (known.isPresent()) {
                return firstComment(publisher, job, completion.finish(claimed, owner, started, context.get(),
                                                                      known.get(), doubt));
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
        return firstComment(publisher, job,
                            completion.finish(claimed, owner, started, context.get(), outcome, doubt));
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
     * After an unknown outcome (or a duplicate answer to a resend): found, published; absent, sent once more; a
     * duplicate answer to that means the first send landed, so its id is looked for.
     */
    private Outcome settle(PlatformPublisher publisher, PublishJob job, TargetToPublish context, Claimed claimed,
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
    private Outcome send(PlatformPublisher publisher, PublishJob job, TargetToPublish context) {
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

    /** Exponential backoff with jitter (see {@link AttemptCompletion#backoff}). */
    Instant backoff(int attempt, Instant now) {
        return completion.backoff(attempt, now);
    }
}
