package dev.poststride.webhook;

import dev.poststride.common.work.ChannelListener;
import dev.poststride.event.EventRelay;
import dev.poststride.event.EventStreams;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Hears what other instances (and this one) wrote: a new event or a redelivery wakes the webhook worker, and events
 * given their positions by any instance's relay reach this instance's event streams at once.
 */
@ApplicationScoped
class EventNotifications {

    private final WebhookWorker worker;
    private final EventStreams streams;
    private final WebhookConfig config;
    private final Optional<String> url;
    private final Optional<String> user;
    private final Optional<String> password;
    private volatile ChannelListener listener;

    EventNotifications(WebhookWorker worker, EventStreams streams, WebhookConfig config,
                       @ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> url,
                       @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
                       @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.worker = worker;
        this.streams = streams;
        this.config = config;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void onStart(@Observes StartupEvent event) {
        if (url.isPresent()) {
            listener = new ChannelListener("event-listener", new ChannelListener.Target(url.get(), user, password),
                                           Map.of(EventRelay.WRITTEN_CHANNEL, worker::wake,
                                                  EventRelay.POSITIONED_CHANNEL, streams::poke),
                                           config.poll());
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
