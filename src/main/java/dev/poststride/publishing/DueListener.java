package dev.poststride.publishing;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

/**
 * Listens on PostgreSQL's {@code poststride_due} channel (see the V7 migration: a trigger notifies whenever a target
 * becomes due or changes its due time) and wakes the dispatcher, so a post scheduled for the next second is
 * published on time without polling. Its own connection, outside the pool; if it drops, it reconnects, and the
 * dispatcher's poll covers the gap.
 */
@ApplicationScoped
class DueListener {

    private static final Logger LOG = Logger.getLogger(DueListener.class);
    private static final int WAIT_MILLIS = 5_000;

    private final DispatchSignal signal;
    private final PublishingConfig config;
    private final Optional<String> url;
    private final Optional<String> user;
    private final Optional<String> password;
    private volatile Thread thread;

    DueListener(DispatchSignal signal, PublishingConfig config,
                @ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> url,
                @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
                @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.signal = signal;
        this.config = config;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.schedulerEnabled() && config.listen() && url.isPresent()) {
            thread = Thread.ofPlatform().name("publish-due-listener").daemon().start(this::run);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try (Connection connection = connect()) {
                try (Statement listen = connection.createStatement()) {
                    listen.execute("listen poststride_due");
                }
                signal.wake(); // anything scheduled while not listening
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (!Thread.currentThread().isInterrupted()) {
                    var notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        signal.wake();
                    }
                }
            } catch (SQLException e) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                LOG.warnf("Listening for due posts failed (%s); polling every %s until it reconnects",
                          e.getMessage(), config.interval());
                try {
                    Thread.sleep(config.interval());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        user.ifPresent(u -> properties.setProperty("user", u));
        password.ifPresent(p -> properties.setProperty("password", p));
        properties.setProperty("ApplicationName", "poststride-due-listener");
        Connection connection = new org.postgresql.Driver().connect(url.orElseThrow(), properties);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL URL");
        }
        return connection;
    }
}
