package dev.poststride.publishing;

import dev.poststride.common.ClockProducer;
import dev.poststride.post.TargetClaims;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * This instance's long-lived publishing loop: it claims as many due targets as it has free slots, starts each at
 * once, and claims again the moment a slot frees. When nothing more can start it sleeps until the earliest due time
 * (capped by {@code interval}, the fallback poll), or until woken: by PostgreSQL's {@code NOTIFY} when a post is
 * scheduled, edited or retried ({@link DueListener}), by a freed slot, or by the poll. Runs unless
 * {@code poststride.publishing.scheduler-enabled=false} (then a cloud cron drives {@link PublishCycle}).
 */
@ApplicationScoped
class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    /** How long to wait before claiming again when due targets exist but none could be claimed (held elsewhere). */
    private static final Duration BUSY_RETRY = Duration.ofMillis(200);

    private final PublishEngine engine;
    private final TargetClaims claims;
    private final DispatchSignal signal;
    private final PublishingConfig config;
    private final Clock clock;
    private final ClockProducer clockSync;
    private final Counter passes;
    private volatile Thread loop;

    Dispatcher(PublishEngine engine, TargetClaims claims, DispatchSignal signal, PublishingConfig config,
               Clock clock, ClockProducer clockSync, MeterRegistry metrics) {
        this.engine = engine;
        this.claims = claims;
        this.signal = signal;
        this.config = config;
        this.clock = clock;
        this.clockSync = clockSync;
        this.passes = metrics.counter("poststride.publish.cycles", "trigger", "dispatcher");
    }

    void onStart(@Observes StartupEvent event) {
        if (config.schedulerEnabled()) {
            loop = Thread.ofPlatform().name("publish-dispatcher").daemon().start(this::run);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        Thread running = loop;
        if (running != null) {
            running.interrupt();
        }
    }

    private void run() {
        try {
            Thread.sleep(config.initialDelay());
            clockSync.awaitFirstSync(config.interval()); // what is due follows the database's clock
            long seen = signal.generation();
            while (!Thread.currentThread().isInterrupted()) {
                Duration wait;
                try {
                    wait = dispatch();
                } catch (RuntimeException e) {
                    LOG.errorf(e, "The publish dispatcher failed to claim; trying again in %s", config.interval());
                    wait = config.interval();
                }
                seen = signal.awaitAfter(seen, wait);
            }
        } catch (InterruptedException e) {
            LOG.debug("The publish dispatcher stopped");
        }
    }

    /** Starts everything it can now; returns how long to sleep before looking again (unless woken). */
    private Duration dispatch() {
        passes.increment();
        int started;
        do {
            started = engine.fill().size();
        } while (started > 0 && engine.hasFreeSlot());
        if (!engine.hasFreeSlot()) {
            return config.interval(); // a finished publish wakes the loop
        }
        Optional<Instant> next = claims.nextDue();
        if (next.isEmpty()) {
            return config.interval();
        }
        Duration until = Duration.between(clock.instant(), next.get());
        if (!until.isPositive()) {
            // Due but not claimable now: held by another instance's claim, its post locked by an edit, or its
            // platform's slots full here. Look again soon; a freed slot wakes the loop sooner.
            return BUSY_RETRY;
        }
        return until.compareTo(config.interval()) < 0 ? until : config.interval();
    }
}
