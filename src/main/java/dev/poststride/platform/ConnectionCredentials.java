package dev.poststride.platform;

import dev.poststride.common.crypto.TokenVault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
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

    private final ConnectionEvents events;

    ConnectionCredentials(TokenVault vault, DataSource db, ConnectionEvents events, Clock clock) {
        this.events = events;
        this.vault = vault;
        this.db = db;
        this.clock = clock;
    }

    /**
     * A connection's account and decrypted access token, and the connect flow it came from
     * ({@link ConnectFlow#stored()}: which host and app it talks to). The token never leaves memory and is never
     * printed.
     */
    public record Credentials(UUID connectionId, PlatformKey platform, String accountId, String accountName,
                              boolean active, String accessToken, String flow) {

        @Override
        public String toString() {
            return "Credentials[" + platform + " " + accountId + ", active=" + active + "]";
        }
    }

    /** One read, without a transaction: the publishing engine asks for every publish. */
    public Optional<Credentials> of(UUID connectionId) {
        try (Connection c = db.getConnection();
             PreparedStatement read = c.prepareStatement(
                     "select up.token_owner_id, up.platform_id, sp.key, up.account_id, up.account_name, up.status,"
                     + " up.access_token_ciphertext, up.auth_flow from user_platforms up"
                     + " join social_platforms sp on sp.id = up.platform_id where up.id = ?")) {
            read.setObject(1, connectionId);
            try (ResultSet rs = read.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String accountId = rs.getString(4);
                String context = PlatformConnection.sealContext(rs.getObject(1, UUID.class),
                                                                rs.getObject(2, UUID.class), accountId, "access");
                return Optional.of(new Credentials(connectionId, PlatformKey.fromKey(rs.getString(3)).orElseThrow(),
                                                   accountId, rs.getString(5),
                                                   PlatformConnection.ACTIVE.equals(rs.getString(6)),
                                                   vault.open(rs.getString(7), context), rs.getString(8)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The connection " + connectionId + " could not be read", e);
        }
    }

    /** The platform refused the grant while publishing: the user must connect the account again. */
    @Transactional
    public void markNeedsReauth(UUID connectionId, String reason) {
        PlatformConnection c = PlatformConnection.findById(connectionId);
        if (c != null && PlatformConnection.ACTIVE.equals(c.status)) {
            c.status = PlatformConnection.NEEDS_REAUTH;
            c.lastRefreshError = reason.length() > 300 ? reason.substring(0, 297) + "..." : reason;
            c.updatedAt = clock.instant();
            events.needsReauth(c);
            LOG.infof("Connection %s needs the user to connect again: %s", connectionId, reason);
        }
    }
}
