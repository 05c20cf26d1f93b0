package dev.poststride.publishing;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One claim-and-publish cycle, run by the in-process scheduler or by the on-demand trigger. Every instance
 * may run it at the same time: work is claimed in the database, never in memory.
 *
 * <p>Until the publishing engine lands this cycle claims nothing; the trigger, its auth and the scheduler
 * switch are in place so deployments can be wired now.
 */
@ApplicationScoped
public class PublishCycle {

    public enum Trigger { SCHEDULER, ENDPOINT }

    private final MeterRegistry metrics;
    private final AtomicBoolean stopping = new AtomicBoolean();

    PublishCycle(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    public CycleReport run(Trigger trigger) {
        if (stopping.get()) {
            return new CycleReport(0, 0, 0);
        }
        metrics.counter("poststride.publish.cycles", "trigger", trigger.name().toLowerCase()).increment();
        return new CycleReport(0, 0, 0);
    }

    /** No new claims once shutdown has begun. */
    void stopClaiming() {
        stopping.set(true);
    }
}
