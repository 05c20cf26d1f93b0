package dev.poststride.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststride.platform.ConnectionStates.Status;
import dev.poststride.support.Api;
import dev.poststride.support.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A connection's status has one writer, {@link ConnectionStates}: this walks every status against every change and
 * checks the row and the events against the table of allowed transitions.
 */
@QuarkusTest
class ConnectionStatesTest {

    private enum Change {
        CONNECTED(Status.ACTIVE, null),
        NEEDS_REAUTH(Status.NEEDS_REAUTH, "connection.needs_reauth"),
        REVOKED(Status.REVOKED, "connection.revoked");

        final Status to;
        final String event;

        Change(Status to, String event) {
            this.to = to;
            this.event = event;
        }
    }

    @Inject
    ConnectionStates states;

    @Test
    void everyStatusMeetsEveryChangeAsTheTableSays() throws Exception {
        Api.Account user = Api.register();
        for (Status from : Status.values()) {
            for (Change change : Change.values()) {
                UUID id;
                try (Connection c = Sql.connect()) {
                    id = Sql.insertConnection(c, UUID.fromString(user.userId()), "x");
                    Sql.exec(c, "update user_platforms set status = ? where id = ?", from.column, id);
                }
                boolean changed = QuarkusTransaction.requiringNew().call(() -> apply(change, id));
                boolean allowed = ConnectionStates.ALLOWED.get(from).contains(change.to);
                String what = from + " then " + change;
                try (Connection c = Sql.connect()) {
                    assertThat(Sql.value(c, "select status from user_platforms where id = ?", id)).as(what)
                            .isEqualTo(allowed ? change.to.column : from.column);
                    long events = ((Number) Sql.value(c, "select count(*) from events where payload like ?",
                                                      "%" + id + "%")).longValue();
                    assertThat(events).as(what + ": events").isEqualTo(allowed && change.event != null ? 1 : 0);
                    if (change.event != null && events == 1) {
                        assertThat(Sql.value(c, "select type from events where payload like ?", "%" + id + "%"))
                                .isEqualTo(change.event);
                    }
                }
                assertThat(changed).as(what).isEqualTo(allowed);
            }
        }
    }

    @Test
    void theRulesTheTableHolds() {
        // Connecting again always works; only an active connection can lose its grant (once: no second event);
        // a disconnected one is not brought back by a late refusal.
        for (Status from : Status.values()) {
            assertThat(ConnectionStates.ALLOWED.get(from)).contains(Status.ACTIVE);
        }
        assertThat(ConnectionStates.ALLOWED.get(Status.NEEDS_REAUTH)).doesNotContain(Status.NEEDS_REAUTH);
        assertThat(ConnectionStates.ALLOWED.get(Status.REVOKED)).containsExactly(Status.ACTIVE);
        assertThat(ConnectionStates.allowed(null, Status.ACTIVE)).isTrue();
    }

    private boolean apply(Change change, UUID id) {
        PlatformConnection connection = PlatformConnection.findById(id);
        Instant now = Instant.now();
        return switch (change) {
            case CONNECTED -> states.connected(connection, now);
            case NEEDS_REAUTH -> states.needsReauth(connection, "refused in a test", now);
            case REVOKED -> states.revoked(connection, now);
        };
    }
}
