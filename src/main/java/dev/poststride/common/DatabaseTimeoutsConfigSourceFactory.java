package dev.poststride.common;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Time limits on the service's database connections, derived from the publish lease so that no publish blocked on a
 * connection cut mid-restart (a socket that never answers) can hold its lease: the heartbeat renews the lease of a
 * running publish, so the publish itself must fail within a third of the lease.
 * <ul>
 * <li>The pool's connections get PostgreSQL JDBC's {@code socketTimeout}: {@code poststride.database.socket-timeout}
 * (default 30 s), at most a third of {@code poststride.publishing.lease-duration}, whole seconds (at least 1); and a
 * server-side {@code statement_timeout} half a second shorter, so a slow statement is cancelled by the server (the
 * connection stays usable) before the client gives up on the socket.</li>
 * <li>Flyway migrates on a connection of its own, outside the pool, with none of those limits and a statement
 * timeout of {@code poststride.database.migration-statement-timeout} (default 15 min) instead: a migration may
 * rewrite a large table. (Without a datasource password, as with Dev Services, Flyway uses the pool's connection.)</li>
 * </ul>
 * Settings made explicitly ({@code quarkus.datasource.jdbc.additional-jdbc-properties.*}, {@code quarkus.flyway.*})
 * win: this source has a low priority.
 */
public class DatabaseTimeoutsConfigSourceFactory implements ConfigSourceFactory {

    static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);
    static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(30);
    static final Duration DEFAULT_MIGRATION_STATEMENT_TIMEOUT = Duration.ofMinutes(15);

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Duration lease = duration(context, "poststride.publishing.lease-duration").orElse(DEFAULT_LEASE);
        Duration wanted = duration(context, "poststride.database.socket-timeout").orElse(DEFAULT_SOCKET_TIMEOUT);
        Duration migrations = duration(context, "poststride.database.migration-statement-timeout")
                .orElse(DEFAULT_MIGRATION_STATEMENT_TIMEOUT);
        Map<String, String> properties = new HashMap<>();
        long socketSeconds = socketTimeoutSeconds(lease, wanted);
        properties.put("quarkus.datasource.jdbc.additional-jdbc-properties.socketTimeout",
                       Long.toString(socketSeconds));
        properties.put("quarkus.datasource.jdbc.additional-jdbc-properties.options",
                       "-c statement_timeout=" + (socketSeconds * 1000 - 500));
        Optional<String> user = value(context, "quarkus.datasource.username");
        Optional<String> password = value(context, "quarkus.datasource.password");
        if (user.isPresent() && password.isPresent()) {
            properties.put("quarkus.flyway.username", user.get());
            properties.put("quarkus.flyway.password", password.get());
            properties.put("quarkus.flyway.init-sql", "set statement_timeout = " + migrations.toMillis());
        }
        return List.of(new PropertiesConfigSource(properties, "database-timeouts-from-lease", 10));
    }

    /** The pool's socket timeout in whole seconds: the wanted one, at most a third of the lease, at least 1. */
    static long socketTimeoutSeconds(Duration lease, Duration wanted) {
        Duration third = lease.dividedBy(3);
        return Math.max(1, (wanted.compareTo(third) < 0 ? wanted : third).toSeconds());
    }

    private static Optional<Duration> duration(ConfigSourceContext context, String name) {
        return value(context, name).map(DurationConverter::parseDuration);
    }

    private static Optional<String> value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? Optional.empty()
                : Optional.of(value.getValue());
    }
}
