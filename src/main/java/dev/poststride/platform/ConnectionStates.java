package dev.poststride.platform;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one writer of a connection's status, in the transaction of the caller that holds the row: the transitions
 * allowed are the table {@link #ALLOWED} (ConnectionStatesTest walks every pair), each change emits its event, and a
 * change the table does not allow leaves the row as it is. So a refresh that fails on a connection disconnected
 * meanwhile cannot bring it back as "needs reauth", and a refused grant announces itself once.
 */
@ApplicationScoped
class ConnectionStates {

    enum Status {
        ACTIVE(PlatformConnection.ACTIVE),
        NEEDS_REAUTH(PlatformConnection.NEEDS_REAUTH),
        REVOKED(PlatformConnection.REVOKED);

        final String column;

        Status(String column) {
            this.column = column;
        }

        static Status of(String column) {
            return Arrays.stream(values()).filter(s -> s.column.equals(column)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("Unknown connection status '" + column + "'"));
        }
    }

    /**
     * What each status may become. Connecting the account (again) makes any connection active; only an active one
     * can lose its grant; a disconnected one stays so until it is connected again.
     */
    static final Map<Status, Set<Status>> ALLOWED = Map.of(
            Status.ACTIVE, EnumSet.of(Status.ACTIVE, Status.NEEDS_REAUTH, Status.REVOKED),
            Status.NEEDS_REAUTH, EnumSet.of(Status.ACTIVE, Status.REVOKED),
            Status.REVOKED, EnumSet.of(Status.ACTIVE));

    private final ConnectionEvents events;

    ConnectionStates(ConnectionEvents events) {
        this.events = events;
    }

    /** Connected, or connected again with new tokens: active (from any status, so always true). */
    boolean connected(PlatformConnection connection, Instant now) {
        return move(connection, Status.ACTIVE, now);
    }

    /**
     * The platform refused the grant for good: the user must connect again ({@code connection.needs_reauth}, once).
     * False when the connection was not active.
     */
    boolean needsReauth(PlatformConnection connection, String reason, Instant now) {
        if (!move(connection, Status.NEEDS_REAUTH, now)) {
            return false;
        }
        connection.lastRefreshError = PlatformConnection.refreshError(reason);
        events.needsReauth(connection);
        return true;
    }

    /** Disconnected ({@code connection.revoked}); false when it already was. */
    boolean revoked(PlatformConnection connection, Instant now) {
        if (!move(connection, Status.REVOKED, now)) {
            return false;
        }
        events.revoked(connection);
        return true;
    }

    /** Whether {@code from} may become {@code to}; a new connection (no status yet) may become anything. */
    static boolean allowed(String from, Status to) {
        return from == null || ALLOWED.get(Status.of(from)).contains(to);
    }

    private static boolean move(PlatformConnection connection, Status to, Instant now) {
        if (!allowed(connection.status, to)) {
            return false;
        }
        connection.status = to.column;
        connection.updatedAt = now;
        return true;
    }
}
