package dev.poststride.common;

import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * The one source of "now": code that asks the time injects a {@link Clock}, so tests can move it. In production it
 * follows the database's clock ({@link DatabaseClock}), measured at start and every minute.
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
        clock.sync();
    }

    @Scheduled(identity = "clock-sync", every = "60s", delayed = "60s")
    void sync() {
        clock.sync();
    }
}
