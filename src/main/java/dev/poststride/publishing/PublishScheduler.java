package dev.poststride.publishing;

import dev.poststride.post.TargetClaims;
import dev.poststride.post.TargetClaims.Backlog;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The dispatcher's fallback poll (every {@code interval}): wakes it in case a notification was missed, ends targets
 * abandoned too often, and publishes the overdue backlog for alerting — {@code poststride.publish.overdue} (due
 * targets not yet claimed) and {@code poststride.publish.oldest_overdue_seconds}. Runs on every instance, also where
 * the dispatcher is off, so the gauges are right wherever they are scraped.
 */
@ApplicationScoped
@Startup // the gauges exist from the first scrape, not from the first poll
class PublishScheduler {

    private final DispatchSignal signal;
    private final TargetClaims claims;
    private final PublishingConfig config;
    private final Clock clock;
    private final AtomicLong overdue = new AtomicLong();
    private final AtomicLong oldestSeconds = new AtomicLong();

    PublishScheduler(DispatchSignal signal, TargetClaims claims, PublishingConfig config, Clock clock,
                     MeterRegistry metrics) {
        this.signal = signal;
        this.claims = claims;
        this.config = config;
        this.clock = clock;
        metrics.gauge("poststride.publish.overdue", overdue);
        metrics.gauge("poststride.publish.oldest_overdue_seconds", oldestSeconds);
    }

    @Scheduled(identity = "publish-poll", every = "${poststride.publishing.interval:10s}",
               delayed = "${poststride.publishing.initial-delay:5s}",
               concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        signal.wake();
        if (config.schedulerEnabled()) {
            claims.failAbandoned(clock.instant(), config.maxAttempts());
        }
        Backlog backlog = claims.backlog(clock.instant());
        overdue.set(backlog.overdue());
        oldestSeconds.set(backlog.oldestDue() == null ? 0
                : Math.max(0, Duration.between(backlog.oldestDue(), clock.instant()).toSeconds()));
    }
}
