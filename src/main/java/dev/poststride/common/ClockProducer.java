package dev.poststride.common;

import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The one source of "now": code that asks the time injects a {@link Clock}, so tests can move it. In production it
 * follows the database's clock ({@link DatabaseClock}), measured right after start (in the background, so start-up
 * does not wait for a database connection; it also warms the pool for the first request) and every minute.
 */
@ApplicationScoped
public class ClockProducer {

    private final DatabaseClock clock;

    ClockProducer(DataSource dataSource) {
        this.clock = new DatabaseClock(dataSource);
    }

    @Produces
    @DefaultBean
    @Singleton
    Clock clock() {
        return clock;
    }

    void onStart(@Observes StartupEvent event) {
        Thread.ofVirtual().name("clock-sync").start(clock::sync);
    }

    /** Waits, at most {@code limit}, for the first measurement of the database's clock (see DatabaseClock). */
    public void awaitFirstSync(Duration limit) throws InterruptedException {
        clock.awaitFirstSync(limit);
    }

    @Scheduled(identity = "clock-sync", every = "60s", delayed = "60s")
    void sync() {
        clock.sync();
    }
}
