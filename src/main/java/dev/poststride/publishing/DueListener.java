package dev.poststride.publishing;

import dev.poststride.common.work.ChannelListener;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Listens on PostgreSQL's {@code poststride_due} channel (see the V7 migration: a trigger notifies whenever a target
 * becomes due or changes its due time) and wakes the dispatcher, so a post scheduled for the next second is
 * published on time without polling. Its own connection, outside the pool; if it drops, it reconnects, and the
 * dispatcher's poll covers the gap ({@link ChannelListener}).
 */
@ApplicationScoped
class DueListener {

    private final DispatchSignal signal;
    private final PublishingConfig config;
    private final Optional<String> url;
    private final Optional<String> user;
    private final Optional<String> password;
    private volatile ChannelListener listener;

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
            listener = new ChannelListener("publish-due-listener",
                                           new ChannelListener.Target(url.get(), user, password),
                                           Map.of("poststride_due", signal::wake), config.interval());
            listener.start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        ChannelListener running = listener;
        if (running != null) {
            running.stop();
        }
    }
}
