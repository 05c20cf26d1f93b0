package dev.poststride.publishing;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;

/** Runs a publish cycle on a timer unless {@code poststride.publishing.scheduler-enabled=false}. */
@ApplicationScoped
class PublishScheduler {

    private final PublishCycle cycle;

    PublishScheduler(PublishCycle cycle) {
        this.cycle = cycle;
    }

    @Scheduled(identity = "publish-cycle", every = "${poststride.publishing.interval:10s}",
               delayed = "${poststride.publishing.initial-delay:5s}",
               concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
               skipExecutionIf = WhenDisabled.class)
    void tick() {
        cycle.run(PublishCycle.Trigger.SCHEDULER);
    }

    @Singleton
    static class WhenDisabled implements Scheduled.SkipPredicate {

        private final PublishingConfig config;

        WhenDisabled(PublishingConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.schedulerEnabled();
        }
    }
}
