package dev.poststride.publishing;

import dev.poststride.platform.ConnectionCredentials;
import dev.poststride.platform.TokenRefusals;
import dev.poststride.platforms.Outcome.AuthRevoked;
import dev.poststride.platforms.Outcome.ContentRejected;
import dev.poststride.platforms.Outcome.MediaRejected;
import dev.poststride.platforms.Outcome.OutcomeUnknown;
import dev.poststride.platforms.Outcome.Published;
import dev.poststride.platforms.Outcome.RateLimited;
import dev.poststride.platforms.Outcome.TokenRefused;
import dev.poststride.platforms.Outcome.Transient;
import dev.poststride.platforms.Outcome;
import dev.poststride.post.PostStatus;
import dev.poststride.post.TargetClaims.Claimed;
import dev.poststride.post.TargetStates.Completion;
import dev.poststride.post.TargetStates;
import dev.poststride.post.TargetsToPublish.TargetToPublish;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * How an attempt ends: its outcome turned into the target's next state (published, retried after a backoff or the
 * platform's wait, failed with a code), stored under the attempt's lease, counted and logged. Where a send may have
 * landed unseen, an ending that would call a live post failed becomes unknown instead.
 */
@ApplicationScoped
class AttemptCompletion {

    /** Under the publisher's category, as before this class was split from it (log filters name it). */
    private static final Logger LOG = Logger.getLogger(TargetPublisher.class);

    private final TargetStates states;
    private final ConnectionCredentials credentials;
    private final PublishingConfig config;
    private final MeterRegistry metrics;
    private final Clock clock;

    AttemptCompletion(TargetStates states, ConnectionCredentials credentials, PublishingConfig config,
                      MeterRegistry metrics, Clock clock) {
        this.states = states;
        this.credentials = credentials;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * {@code doubt}, when not null: why a send may have landed unseen (see {@link #unsure}); a rate-limited retry then
     * looks first.
     */
    Optional<Outcome> finish(Claimed claimed, String owner, Instant started, TargetToPublish target, Outcome result,
                             String doubt) {
        boolean unsure = doubt != null;
        Outcome outcome = unsure ? unsure(claimed, target, result, doubt) : result;
        Instant now = clock.instant();
        Completion completion = switch (outcome) {
            case Published p -> new Completion(PostStatus.TARGET_PUBLISHED, p.platformPostId(), p.permalink(), null,
                                               null, null, null);
            case RateLimited r -> retryOrFail(claimed, r.until(), unsure ? TargetPublisher.UNCHECKED : "rate_limited",
                                              "The platform asked to wait until " + r.until() + ". " + r.detail());
            case Transient t -> retryOrFail(claimed, backoff(claimed.attempt(), now), t.code(), t.reason());
            case TokenRefused t -> retryOrFail(claimed, backoff(claimed.attempt(), now), TokenRefusals.TOKEN_REFUSED,
                                               "The platform refused the access token: " + t.detail());
            case AuthRevoked a -> {
                credentials.markNeedsReauth(target.connectionId(), a.detail());
                yield new Completion(PostStatus.TARGET_FAILED, null, null, null, "auth_revoked",
                                     "The account must be connected again: " + a.detail(), false);
            }
            case ContentRejected c -> new Completion(PostStatus.TARGET_FAILED, null, null, null, c.code(),
                                                     "The platform refused the text: " + c.reason(), false);
            case MediaRejected m -> new Completion(PostStatus.TARGET_FAILED, null, null, null, m.code(),
                                                   PublishJobs.UNFITTABLE.equals(m.code()) ? m.reason()
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
        String platform = target.platform();
        metrics.counter("poststride.publish.outcomes", "platform", platform, "outcome", outcome.label()).increment();
        if (outcome instanceof Published && target.scheduledAt() != null) {
            metrics.timer("poststride.publish.lateness", "platform", platform)
                    .record(Duration.between(target.scheduledAt(), now).abs());
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


    /**
     * What an attempt ends as when a send of its target may have landed unseen. A look-up that finds nothing is no
     * proof (LinkedIn has none and relies on its duplicate answer; a request can land after the look-up), so a later
     * failure of a resend must not turn a live post into a failed one: an auth failure (the grant went away
     * meanwhile) or a last attempt ends as unknown, and a retry looks for the post before anything is sent again.
     */
    private Outcome unsure(Claimed claimed, TargetToPublish target, Outcome outcome, String doubt) {
        boolean last = claimed.attempt() >= config.maxAttempts();
        return switch (outcome) {
            case AuthRevoked revoked -> {
                credentials.markNeedsReauth(target.connectionId(), revoked.detail());
                yield new OutcomeUnknown("an earlier send may have landed (" + doubt + "), and the account must be"
                                         + " connected again before that can be checked (" + revoked.detail() + ")");
            }
            case TokenRefused refused -> new OutcomeUnknown("an earlier send may have landed (" + doubt + "), and the"
                                                            + " access token was refused before that could be"
                                                            + " checked (" + refused.detail() + ")");
            case Transient t when last -> new OutcomeUnknown("an earlier send may have landed (" + doubt + ") and the"
                                                             + " last attempt could not check it (" + t.reason()
                                                             + ")");
            case Transient t when !TargetPublisher.UNCHECKED.equals(t.code()) -> new Transient(
                    TargetPublisher.UNCHECKED, t.reason() + "; an earlier send may have landed, so the post is looked for before"
                               + " anything is resent");
            case RateLimited r when last -> new OutcomeUnknown("an earlier send may have landed (" + doubt + ") and"
                                                               + " the platform asked to wait before it could be"
                                                               + " checked");
            default -> outcome;
        };
    }
}
