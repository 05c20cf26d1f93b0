package dev.poststride.platform;

import dev.poststride.event.EventType;
import dev.poststride.event.Outbox;
import dev.poststride.platform.oauth.PlatformOAuths;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The events of a connection that needs its user: the platform refused its grant ({@code connection.needs_reauth})
 * or it was disconnected ({@code connection.revoked}). Written in the transaction of the change, with the connection
 * as the API shows it (never a token).
 */
@ApplicationScoped
class ConnectionEvents {

    private final Outbox outbox;
    private final PlatformOAuths oauths;

    ConnectionEvents(Outbox outbox, PlatformOAuths oauths) {
        this.outbox = outbox;
        this.oauths = oauths;
    }

    void needsReauth(PlatformConnection connection) {
        record(connection, EventType.CONNECTION_NEEDS_REAUTH);
    }

    void revoked(PlatformConnection connection) {
        record(connection, EventType.CONNECTION_REVOKED);
    }

    private void record(PlatformConnection connection, EventType type) {
        SocialPlatform platform = SocialPlatform.findById(connection.platformId);
        outbox.record(connection.workspaceId, type,
                      ConnectionView.of(connection, oauths.of(platform.platformKey(), connection.authFlow)));
    }
}
