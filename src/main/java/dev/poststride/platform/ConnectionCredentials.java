package dev.poststride.platform;

import dev.poststride.common.SqlValues;
import dev.poststride.common.crypto.TokenVault;
import dev.poststride.platforms.Credentials;
import dev.poststride.platforms.PlatformKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/** What the publishing engine may know of a connection: its account and a usable access token. */
@ApplicationScoped
public class ConnectionCredentials {

    private static final Logger LOG = Logger.getLogger(ConnectionCredentials.class);

    private final TokenVault vault;
    private final DataSource db;
    private final Clock clock;

    private final ConnectionStates states;

    ConnectionCredentials(TokenVault vault, DataSource db, ConnectionStates states, Clock clock) {
        this.states = states;
        this.vault = vault;
        this.db = db;
        this.clock = clock;
    }

    /** One read, without a transaction: the publishing engine asks for every publish. */
    public Optional<Credentials> of(UUID connectionId) {
        try (Connection c = db.getConnection();
             PreparedStatement read = c.prepareStatement(
                     "select up.token_owner_id, up.platform_id, sp.key, up.account_id, up.account_name, up.status,"
                     + " up.access_token_ciphertext, up.auth_flow, coalesce(up.token_refreshed_at, up.connected_at),"
                     + " up.token_accepted_at, up.token_expires_at, up.token_refused_at from user_platforms up"
                     + " join social_platforms sp on sp.id = up.platform_id where up.id = ?")) {
            read.setObject(1, connectionId);
            try (ResultSet rs = read.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String accountId = rs.getString(4);
                Instant storedAt = SqlValues.instant(rs.getTimestamp(9));
                Instant acceptedAt = SqlValues.instant(rs.getTimestamp(10));
                Instant refusedAt = SqlValues.instant(rs.getTimestamp(12));
                Credentials.TokenState token = new Credentials.TokenState(
                        storedAt, acceptedAt != null && !acceptedAt.isBefore(storedAt),
                        refusedAt != null && !refusedAt.isBefore(storedAt)
                        && (acceptedAt == null || refusedAt.isAfter(acceptedAt)),
                        SqlValues.instant(rs.getTimestamp(11)));
                return Optional.of(new Credentials(connectionId, new PlatformKey(rs.getString(3)),
                                                   accountId, rs.getString(5),
                                                   PlatformConnection.ACTIVE.equals(rs.getString(6)),
                                                   ConnectionTokens.openAccess(vault, rs.getObject(1, UUID.class),
                                                                               rs.getObject(2, UUID.class), accountId,
                                                                               rs.getString(7)),
                                                   rs.getString(8), token));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The connection " + connectionId + " could not be read", e);
        }
    }

    /**
     * The platform accepted these credentials' token (a post went out, or an identity call answered), recorded once per
     * stored token so that every instance knows a later refusal of it is likely a blip. Fenced by the token's
     * version: a token renewed meanwhile is not the one that was accepted.
     */
    public void recordAccepted(Credentials used) {
        if (used.token().acceptedSinceStored()) {
            return;
        }
        stampToken(used, "token_accepted_at", "accepted");
    }

    /**
     * The platform refused these credentials' token, and refused it again to an identity call: remembered (fenced by
     * the token's version) so that the next such confirmation, on another attempt, is definitive.
     */
    public void recordConfirmedRefusal(Credentials used) {
        stampToken(used, "token_refused_at", "refused");
    }

    /** Stamps {@code column} (a constant of this class) with now, unless the token was renewed since it was used. */
    private void stampToken(Credentials used, String column, String what) {
        try (Connection c = db.getConnection();
             PreparedStatement write = c.prepareStatement(
                     "update user_platforms set " + column + " = ? where id = ?"
                     + " and coalesce(token_refreshed_at, connected_at) = ?")) {
            write.setTimestamp(1, Timestamp.from(clock.instant()));
            write.setObject(2, used.connectionId());
            write.setTimestamp(3, Timestamp.from(used.token().storedAt()));
            write.executeUpdate();
        } catch (SQLException e) {
            LOG.warnf("Could not record that connection %s's token was %s: %s", used.connectionId(), what,
                      e.getMessage());
        }
    }

    /** The platform refused the grant while publishing: the user must connect the account again. */
    @Transactional
    public void markNeedsReauth(UUID connectionId, String reason) {
        PlatformConnection c = PlatformConnection.findById(connectionId);
        if (c != null && states.needsReauth(c, reason, clock.instant())) {
            LOG.infof("Connection %s needs the user to connect again: %s", connectionId, reason);
        }
    }
}
