package dev.poststride.platform;

import dev.poststride.common.crypto.TokenVault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/** What the publishing engine may know of a connection: its account and a usable access token. */
@ApplicationScoped
public class ConnectionCredentials {

    private static final Logger LOG = Logger.getLogger(ConnectionCredentials.class);

    private final TokenVault vault;
    private final Clock clock;

    ConnectionCredentials(TokenVault vault, Clock clock) {
        this.vault = vault;
        this.clock = clock;
    }

    /** A connection's account and decrypted access token. The token never leaves memory and is never printed. */
    public record Credentials(UUID connectionId, PlatformKey platform, String accountId, String accountName,
                              boolean active, String accessToken) {

        @Override
        public String toString() {
            return "Credentials[" + platform + " " + accountId + ", active=" + active + "]";
        }
    }

    @Transactional
    public Optional<Credentials> of(UUID connectionId) {
        PlatformConnection c = PlatformConnection.findById(connectionId);
        if (c == null) {
            return Optional.empty();
        }
        PlatformKey key = SocialPlatform.<SocialPlatform>findById(c.platformId).platformKey();
        return Optional.of(new Credentials(c.id, key, c.accountId, c.accountName,
                                           PlatformConnection.ACTIVE.equals(c.status),
                                           vault.open(c.accessTokenCiphertext, c.sealContext("access"))));
    }

    /** The platform refused the grant while publishing: the user must connect the account again. */
    @Transactional
    public void markNeedsReauth(UUID connectionId, String reason) {
        PlatformConnection c = PlatformConnection.findById(connectionId);
        if (c != null && PlatformConnection.ACTIVE.equals(c.status)) {
            c.status = PlatformConnection.NEEDS_REAUTH;
            c.lastRefreshError = reason.length() > 300 ? reason.substring(0, 297) + "..." : reason;
            c.updatedAt = clock.instant();
            LOG.infof("Connection %s needs the user to connect again: %s", connectionId, reason);
        }
    }
}
