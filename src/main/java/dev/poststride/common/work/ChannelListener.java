package dev.poststride.common.work;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens on PostgreSQL notification channels on a connection of its own, outside the pool, and runs each channel's
 * handler when it is notified (and once after every (re)connect, for what was missed meanwhile). If the connection
 * drops it reconnects after {@code retry}; the callers' polls cover the gap.
 */
public final class ChannelListener {

    private static final Logger LOG = Logger.getLogger(ChannelListener.class);
    private static final int WAIT_MILLIS = 5_000;

    /** Where to connect: the datasource's settings. */
    public record Target(String url, Optional<String> user, Optional<String> password) {
    }

    private final String name;
    private final Target target;
    private final Map<String, Runnable> handlers;
    private final Duration retry;
    private volatile Thread thread;

    public ChannelListener(String name, Target target, Map<String, Runnable> handlers, Duration retry) {
        this.name = name;
        this.target = target;
        this.handlers = Map.copyOf(handlers);
        this.retry = retry;
    }

    public void start() {
        thread = Thread.ofPlatform().name(name).daemon().start(this::run);
    }

    public void stop() {
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try (Connection connection = connect()) {
                try (Statement listen = connection.createStatement()) {
                    for (String channel : handlers.keySet()) {
                        listen.execute("listen " + channel);
                    }
                }
                handlers.values().forEach(Runnable::run); // anything that happened while not listening
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (!Thread.currentThread().isInterrupted()) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications != null) {
                        Arrays.stream(notifications).map(PGNotification::getName).distinct().map(handlers::get)
                                .filter(Objects::nonNull).forEach(Runnable::run);
                    }
                }
            } catch (SQLException e) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                LOG.warnf("Listening on %s failed (%s); polling every %s until it reconnects", handlers.keySet(),
                          e.getMessage(), retry);
                try {
                    Thread.sleep(retry);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        target.user().ifPresent(u -> properties.setProperty("user", u));
        target.password().ifPresent(p -> properties.setProperty("password", p));
        properties.setProperty("ApplicationName", "poststride-" + name);
        Connection connection = new org.postgresql.Driver().connect(target.url(), properties);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL URL");
        }
        return connection;
    }
}
