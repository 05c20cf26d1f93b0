package dev.poststride.platform;

import dev.poststride.event.EventType;
import dev.poststride.event.Outbox;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The events of a connection that needs its user: the platform refused its grant ({@code connection.needs_reauth})
 * or it was disconnected ({@code connection.revoked}). Written in the transaction of the change, with the connection
 * as the API shows it (never a token).
 */
@ApplicationScoped
class ConnectionEvents {

    private final Outbox outbox;

    ConnectionEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    void needsReauth(PlatformConnection connection) {
        record(connection, EventType.CONNECTION_NEEDS_REAUTH);
    }

    void revoked(PlatformConnection connection) {
        record(connection, EventType.CONNECTION_REVOKED);
    }

    private void record(PlatformConnection connection, EventType type) {
        SocialPlatform platform = SocialPlatform.findById(connection.platformId);
        outbox.record(connection.workspaceId, type, ConnectionView.of(connection, platform.platformKey()));
    }
}
