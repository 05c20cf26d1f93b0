package dev.poststride.publishing;

import dev.poststride.common.InstanceIdentity;
import dev.poststride.platforms.Outcome;
import dev.poststride.post.TargetClaims.Claimed;
import dev.poststride.post.TargetClaims;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * This instance's publish slots: {@code max-concurrent} publishes at once, {@code max-concurrent-per-platform} per
 * platform. {@link #fill} claims as many due targets as slots are free and starts each at once on its own virtual
 * thread; a finished publish frees its slot and wakes the dispatcher to claim again. While publishes run, their
 * leases are renewed every third of the lease, so a slow platform never makes a live publish look abandoned.
 * Both the dispatcher and the cron trigger publish through here.
 */
@ApplicationScoped
public class PublishEngine {

    private static final Logger LOG = Logger.getLogger(PublishEngine.class);

    /** A claimed target and the completion of its publish (empty when the lease was lost before the end). */
    record Started(Claimed claimed, CompletableFuture<Optional<Outcome>> done) {
    }

    private final TargetClaims claims;
    private final TargetPublisher publisher;
    private final InstanceIdentity instance;
    private final PublishingConfig config;
    private final DispatchSignal signal;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final Tracer tracer;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("publish-lease-heartbeat").daemon().factory());
    private final Map<UUID, Claimed> running = new ConcurrentHashMap<>();
    /** When each running publish started here; one running past {@code max-publish-duration} is not renewed. */
    private final Map<UUID, Instant> runningSince = new ConcurrentHashMap<>();
    /** Stuck publishes whose lease this instance stopped renewing (each reported once). */
    private final Set<UUID> given = ConcurrentHashMap.newKeySet();
    /** Running publishes whose lost lease was reported (each once). */
    private final Set<UUID> lost = ConcurrentHashMap.newKeySet();
    private final AtomicLong averagePublishMillis = new AtomicLong(1000);
    private final Object claiming = new Object();
    private volatile boolean stopped;

    PublishEngine(TargetClaims claims, TargetPublisher publisher, InstanceIdentity instance, PublishingConfig config,
                  DispatchSignal signal, Clock clock, MeterRegistry metrics, Tracer tracer) {
        this.claims = claims;
        this.publisher = publisher;
        this.instance = instance;
        this.config = config;
        this.signal = signal;
        this.clock = clock;
        this.metrics = metrics;
        this.tracer = tracer;
        metrics.gauge("poststride.publish.in_flight", running, Map::size);
        long every = Math.max(1, config.leaseDuration().toMillis() / 3);
        heartbeat.scheduleWithFixedDelay(this::renewLeasesQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Claims up to the free slots, global and per platform, and starts each claimed publish; returns what started,
     * nothing once {@link #stopClaiming} was called. One claim at a time per instance, so slots are never
     * over-claimed; the claim itself is one short transaction. A slot is taken while its target is in
     * {@code running}, so the counts are read from there.
     */
    List<Started> fill() {
        synchronized (claiming) {
            int free = config.maxConcurrent() - running.size();
            if (stopped || free <= 0) {
                return List.of();
            }
            Map<String, Integer> open = new LinkedHashMap<>();
            for (String platform : publisher.platforms()) {
                open.put(platform, config.maxConcurrentPerPlatform() - runningOn(platform));
            }
            Instant now = clock.instant();
            List<Claimed> claimed = claims.claim(instance.id(), free, open, now, config.leaseDuration(),
                                                 config.maxAttempts());
            metrics.summary("poststride.publish.claim.batch").record(claimed.size());
            List<Started> started = new ArrayList<>(claimed.size());
            for (Claimed target : claimed) {
                running.put(target.targetId(), target);
                runningSince.put(target.targetId(), now);
                started.add(new Started(target, CompletableFuture.supplyAsync(() -> run(target), threads)));
            }
            return started;
        }
    }

    /** Whether a claim now could start anything. */
    boolean hasFreeSlot() {
        return !stopped && running.size() < config.maxConcurrent();
    }

    int inFlight() {
        return running.size();
    }

    /** The mean duration of recent publishes (exponentially weighted), for the cron's budget. */
    Duration typicalPublish() {
        return Duration.ofMillis(averagePublishMillis.get());
    }

    /**
     * One publish, traced as a span of its own (a root: it is caused by the clock, not by a request); the platform
     * calls made during it are its children, and its log lines carry its trace id.
     */
    private Optional<Outcome> run(Claimed target) {
        Span span = tracer.spanBuilder("publish " + target.platform()).setNoParent()
                .setAttribute("poststride.target.id", target.targetId().toString())
                .setAttribute("poststride.platform", target.platform())
                .setAttribute("poststride.attempt", target.attempt()).startSpan();
        try (Scope current = span.makeCurrent()) {
            Optional<Outcome> outcome = publishAndRecover(target);
            span.setAttribute("poststride.outcome", outcome.map(Outcome::label).orElse("handed_over"));
            return outcome;
        } finally {
            span.end();
        }
    }

    private Optional<Outcome> publishAndRecover(Claimed target) {
        long started = System.nanoTime();
        try {
            return publisher.publish(target, instance.id());
        } catch (LeaseLost gone) {
            reportLost(target, gone.getMessage());
            return Optional.empty();
        } catch (RuntimeException unexpected) {
            // The publish may have reached the platform: hand the target to recovery (which looks before it sends)
            // after a backoff, and let the attempt cap end it if this keeps happening.
            LOG.errorf(unexpected, "Target %s attempt %d failed unexpectedly; it will be recovered", target.targetId(),
                       target.attempt());
            metrics.counter("poststride.publish.unexpected").increment();
            try {
                claims.abandon(target, instance.id(), publisher.backoff(target.attempt(), clock.instant()));
            } catch (RuntimeException alsoFailed) {
                LOG.warnf("Target %s: could not hand it to recovery (%s); its lease expires instead",
                          target.targetId(), alsoFailed.getMessage());
            }
            return Optional.empty();
        } finally {
            running.remove(target.targetId());
            runningSince.remove(target.targetId());
            lost.remove(target.targetId());
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            averagePublishMillis.updateAndGet(average -> (average * 7 + millis) / 8);
            signal.wake();
        }
    }

    private int runningOn(String platform) {
        return (int) running.values().stream().filter(t -> t.platform().equals(platform)).count();
    }

    /**
     * Extends the leases of every running publish; a target taken over meanwhile is reported, not renewed. A publish
     * running longer than {@code max-publish-duration} is stuck (a call that never returns): its lease is left to
     * expire so that another instance recovers the target; if it ever finishes here, its result is refused there.
     */
    void renewLeases() {
        Instant now = clock.instant();
        Instant stuckBefore = now.minus(config.maxPublishDuration());
        Set<UUID> ids = new HashSet<>();
        for (UUID id : running.keySet()) {
            Instant since = runningSince.get(id);
            if (since == null || since.isAfter(stuckBefore)) {
                ids.add(id);
            } else if (given.add(id)) {
                LOG.warnf("Target %s: its publish has run since %s, longer than %s; its lease is no longer renewed"
                          + " and another instance will recover it", id, since, config.maxPublishDuration());
                metrics.counter("poststride.publish.stuck").increment();
            }
        }
        given.retainAll(running.keySet());
        if (ids.isEmpty()) {
            return;
        }
        Map<UUID, Integer> held = claims.renew(instance.id(), ids, now.plus(config.leaseDuration()), now);
        Map<UUID, Integer> notRenewed = new HashMap<>();
        for (UUID id : ids) {
            Claimed target = running.get(id);
            if (target != null && !Integer.valueOf(target.attempt()).equals(held.get(id))) {
                notRenewed.put(id, target.attempt());
            }
        }
        // A publish that stored its result ended its lease with it, and may still run here a moment (its first
        // comment, its metrics): that is no loss.
        notRenewed.keySet().removeAll(claims.endedAttempts(notRenewed));
        notRenewed.keySet().forEach(id -> {
            Claimed target = running.get(id);
            if (target != null) {
                reportLost(target, "the lease was lost while publishing");
            }
        });
    }

    /** Logs and counts a lost lease, once per running attempt (the heartbeat and the publish may both notice). */
    private void reportLost(Claimed target, String what) {
        if (lost.add(target.targetId())) {
            LOG.warnf("Target %s attempt %d: %s; the instance that holds it now decides", target.targetId(),
                      target.attempt(), what);
            metrics.counter("poststride.publish.lease_lost").increment();
        }
    }

    private void renewLeasesQuietly() {
        try {
            renewLeases();
        } catch (RuntimeException e) {
            LOG.warnf("Publish leases could not be renewed: %s", e.getMessage());
        }
    }

    /** The targets whose publish runs here now. */
    Set<UUID> running() {
        return Set.copyOf(running.keySet());
    }

    /** No new claims from here on; running publishes go on (and keep renewing their leases). */
    void stopClaiming() {
        synchronized (claiming) {
            stopped = true;
        }
    }

    /** Waits until no publish runs here or {@code atMost} has passed; true when none runs. */
    boolean awaitIdle(Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        long seen = signal.generation();
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            try {
                seen = signal.awaitAfter(seen, Duration.ofMillis(50));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return running.isEmpty();
    }

    @PreDestroy
    void close() {
        heartbeat.shutdownNow();
        threads.shutdownNow();
    }
}
