package dev.poststride.publishing;

import dev.poststride.common.ClockProducer;
import dev.poststride.common.work.InternalJob;
import dev.poststride.platforms.Outcome;
import dev.poststride.post.TargetClaims;
import dev.poststride.publishing.PublishEngine.Started;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The on-demand publish run, for deployments that scale to zero and have no long-lived dispatcher: within
 * {@code cron-budget} it claims and publishes through the same slots as the dispatcher, starts only what it can
 * expect to finish in the budget, waits for what it started, and says what it did and how much is still due.
 */
@ApplicationScoped
public class PublishCycle implements InternalJob {

    private static final Duration CLOCK_WAIT = Duration.ofSeconds(2);

    private final PublishEngine engine;
    private final TargetClaims claims;
    private final DispatchSignal signal;
    private final PublishingConfig config;
    private final Clock clock;
    private final ClockProducer clockSync;
    private final MeterRegistry metrics;

    PublishCycle(PublishEngine engine, TargetClaims claims, DispatchSignal signal, PublishingConfig config,
                 Clock clock, ClockProducer clockSync, MeterRegistry metrics) {
        this.engine = engine;
        this.claims = claims;
        this.signal = signal;
        this.config = config;
        this.clock = clock;
        this.clockSync = clockSync;
        this.metrics = metrics;
    }

    public CycleReport run() {
        metrics.counter("poststride.publish.cycles", "trigger", "endpoint").increment();
        try {
            clockSync.awaitFirstSync(CLOCK_WAIT); // a cold instance's first call: what is due follows the database
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        claims.failAbandoned(clock.instant(), config.maxAttempts());
        long deadline = System.nanoTime() + config.cronBudget().toNanos();
        List<Started> started = new ArrayList<>();
        long seen = signal.generation();
        try {
            while (System.nanoTime() + engine.typicalPublish().toNanos() < deadline) {
                List<Started> claimed = engine.fill();
                started.addAll(claimed);
                if (claimed.isEmpty()) {
                    if (started.stream().allMatch(s -> s.done().isDone())) {
                        break; // nothing due that this instance can take, and nothing of this run still going
                    }
                    seen = signal.awaitAfter(seen, Duration.ofMillis(100)); // a finished publish frees a slot
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int published = 0;
        int failed = 0;
        int retrying = 0;
        for (Started s : started) {
            Optional<Outcome> outcome = s.done().join();
            switch (outcome.orElse(null)) {
                case null -> retrying++; // lost or handed to recovery: another attempt decides
                case Outcome.Published p -> published++;
                case Outcome.RateLimited r -> retrying++;
                case Outcome.Transient t -> retrying++;
                default -> failed++;
            }
        }
        long remaining = claims.backlog(clock.instant()).overdue();
        return new CycleReport(started.size(), published, failed, retrying, remaining);
    }

    @Override
    public String name() {
        return "publish";
    }
}
