package dev.poststride.publishing;

import dev.poststride.platform.PlatformKey;
import dev.poststride.publishing.TargetLeases.Claimed;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * One claim-and-publish cycle, run by the in-process scheduler or by the on-demand trigger. Every instance may run
 * it at the same time: work is claimed in the database, never in memory. Claimed targets publish in parallel, at
 * most {@code max-concurrent} at once and {@code max-concurrent-per-platform} per platform, so one slow platform
 * cannot hold up the others.
 */
@ApplicationScoped
public class PublishCycle {

    private static final Logger LOG = Logger.getLogger(PublishCycle.class);

    public enum Trigger { SCHEDULER, ENDPOINT }

    private final TargetLeases leases;
    private final TargetPublisher publisher;
    private final InstanceIdentity instance;
    private final PublishingConfig config;
    private final MeterRegistry metrics;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicInteger leased = new AtomicInteger();
    private final Map<PlatformKey, Semaphore> perPlatform = new ConcurrentHashMap<>();

    PublishCycle(TargetLeases leases, TargetPublisher publisher, InstanceIdentity instance, PublishingConfig config,
                 MeterRegistry metrics) {
        this.leases = leases;
        this.publisher = publisher;
        this.instance = instance;
        this.config = config;
        this.metrics = metrics;
        metrics.gauge("poststride.publish.leased", leased);
    }

    public CycleReport run(Trigger trigger) {
        if (stopping.get()) {
            return new CycleReport(0, 0, 0);
        }
        metrics.counter("poststride.publish.cycles", "trigger", trigger.name().toLowerCase()).increment();
        List<Claimed> claimed = leases.claim(instance.id(), config.maxConcurrent(), config.leaseDuration(),
                                              publisher.platforms());
        metrics.summary("poststride.publish.claim.batch").record(claimed.size());
        if (claimed.isEmpty()) {
            return new CycleReport(0, 0, 0);
        }
        leased.addAndGet(claimed.size());
        List<Future<Optional<Outcome>>> running = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Claimed target : claimed) {
                running.add(threads.submit(() -> publishLimited(target)));
            }
        }
        int published = 0;
        int failed = 0;
        for (Future<Optional<Outcome>> result : running) {
            try {
                Optional<Outcome> outcome = result.get();
                if (outcome.isPresent() && outcome.get() instanceof Outcome.Published) {
                    published++;
                } else if (outcome.isPresent()) {
                    failed++;
                }
            } catch (Exception e) {
                failed++;
                LOG.errorf(e, "A publish failed unexpectedly; its lease expires and it will be recovered");
            }
        }
        return new CycleReport(claimed.size(), published, failed);
    }

    private Optional<Outcome> publishLimited(Claimed target) {
        try {
            Semaphore platform = publisher.platformOf(target.targetId())
                    .map(key -> perPlatform.computeIfAbsent(key, k -> new Semaphore(config.maxConcurrentPerPlatform())))
                    .orElse(new Semaphore(1));
            platform.acquireUninterruptibly();
            try {
                return publisher.publish(target, instance.id());
            } finally {
                platform.release();
            }
        } finally {
            leased.decrementAndGet();
        }
    }

    /** No new claims once shutdown has begun. */
    void stopClaiming() {
        stopping.set(true);
    }
}
