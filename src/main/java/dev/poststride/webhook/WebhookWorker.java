package dev.poststride.webhook;

import dev.poststride.common.work.CoalescedRuns;
import dev.poststride.common.InstanceIdentity;
import dev.poststride.common.work.InternalJob;
import dev.poststride.event.EventRelay;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Moves events out: positions new ones ({@link EventRelay}), then sends every due webhook delivery, up to
 * {@code max-concurrent} at a time, until none is due. Runs when new events or redeliveries notify it (see
 * {@code EventNotifications}) and on a short poll for retries falling due; on every instance, which share the work
 * through the database.
 */
@ApplicationScoped
public class WebhookWorker implements InternalJob {

    private static final Logger LOG = Logger.getLogger(WebhookWorker.class);

    /**
     * What one round did: events positioned, attempts made and how many of them delivered. Registered for
     * reflection: answered by the internal jobs trigger, whose method returns Object.
     */
    @RegisterForReflection
    public record Round(int positioned, int attempts, int delivered) {
    }

    private final EventRelay relay;
    private final Deliveries deliveries;
    private final WebhookSender sender;
    private final WebhookConfig config;
    private final InstanceIdentity instance;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final CoalescedRuns rounds = new CoalescedRuns();
    private final AtomicLong lagSeconds = new AtomicLong();
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();

    WebhookWorker(EventRelay relay, Deliveries deliveries, WebhookSender sender, WebhookConfig config,
                  InstanceIdentity instance, MeterRegistry metrics, Clock clock) {
        this.relay = relay;
        this.deliveries = deliveries;
        this.sender = sender;
        this.config = config;
        this.instance = instance;
        this.metrics = metrics;
        this.clock = clock;
        Gauge.builder("poststride_events_outbox_lag_seconds", lagSeconds, AtomicLong::get)
                .description("Age of the oldest event not yet positioned or delivery overdue (as of the last round)")
                .register(metrics);
    }

    @PreDestroy
    void stop() {
        senders.shutdownNow();
    }

    @Scheduled(identity = "webhook-deliveries", every = "${poststride.webhooks.poll:5s}", delayed = "5s",
               skipExecutionIf = WhenDisabled.class, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        round();
    }

    /** A notification: run a round soon, off the caller's thread (coalesced with one already running). */
    public void wake() {
        if (config.workerEnabled()) {
            senders.submit(this::round);
        }
    }

    /**
     * One round, synchronously: position events, send what is due until nothing more is. When a round is already
     * running here it runs once more after it instead (and this call returns an empty round): see
     * {@link CoalescedRuns}.
     */
    public Round round() {
        int[] counts = new int[3]; // positioned, attempts, delivered
        try {
            rounds.request(() -> pass(counts));
            lagSeconds.set(deliveries.lag(clock.instant()).toSeconds());
        } catch (RuntimeException e) {
            LOG.errorf("A webhook round failed (%s); the next one retries", e.toString());
        }
        return new Round(counts[0], counts[1], counts[2]);
    }

    /** Positions new events, then claims and sends due deliveries until none is left. */
    private void pass(int[] counts) {
        counts[0] += relay.relay();
        List<Deliveries.Claimed> claimed;
        try {
            while (!(claimed = deliveries.claim(instance.id(), config.maxConcurrent(), clock.instant())).isEmpty()) {
                List<Future<Boolean>> sent = claimed.stream().map(c -> senders.submit(() -> attempt(c))).toList();
                for (Future<Boolean> one : sent) {
                    counts[1]++;
                    counts[2] += one.get() ? 1 : 0;
                }
            }
        } catch (ExecutionException e) {
            LOG.error("A webhook attempt failed unexpectedly", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Only the first half of a round: positions new events and queues their deliveries, sending nothing. */
    public int positionEvents() {
        return relay.relay();
    }

    private boolean attempt(Deliveries.Claimed claimed) {
        Instant started = clock.instant();
        WebhookSender.Result result = claimed.secrets().isEmpty()
                ? new WebhookSender.Result("refused", null, "The endpoint's signing secret cannot be read here (was"
                                                            + " the vault key replaced?); rotate the secret.", null)
                : sender.send(claimed.url(), new WebhookSender.Message(claimed.eventId(), started.getEpochSecond(),
                                                                        claimed.payload(), claimed.secrets()));
        outcomes.computeIfAbsent(result.outcome(), outcome -> Counter.builder("poststride_webhook_deliveries_total")
                .description("Webhook attempts by outcome").tag("outcome", outcome).register(metrics)).increment();
        if (!deliveries.finish(claimed, instance.id(), result, started, clock.instant())) {
            LOG.infof("Webhook delivery %s was taken over by another instance while it was sent", claimed.id());
        }
        return result.delivered();
    }

    @Singleton
    static class WhenDisabled implements Scheduled.SkipPredicate {

        private final WebhookConfig config;

        WhenDisabled(WebhookConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.workerEnabled();
        }
    }

    @Override
    public String name() {
        return "webhooks";
    }

    /** {@link #round()}, for the internal trigger. */
    @Override
    public Round run() {
        return round();
    }
}
