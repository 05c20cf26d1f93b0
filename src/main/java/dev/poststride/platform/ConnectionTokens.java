package dev.poststride.platform;

import dev.poststride.common.crypto.TokenVault;
import dev.poststride.platforms.StoredGrant;
import dev.poststride.platforms.TokenSet;
import java.util.UUID;

/**
 * Moves a connection's tokens in and out of the vault: the one place that seals and opens them, and knows what a
 * sealed token is bound to (ConnectionTokensTest opens tokens sealed before this class was the only one).
 */
final class ConnectionTokens {

    private static final String ACCESS = "access";
    private static final String REFRESH = "refresh";

    private ConnectionTokens() {
    }

    /**
     * Seals newly granted tokens into the connection, all with the current key. A grant without a refresh token
     * keeps {@code storedRefreshToken}: platforms that do not rotate send none, and an empty answer must never
     * wipe a working refresh token.
     */
    static void store(TokenVault vault, PlatformConnection connection, TokenSet tokens, String storedRefreshToken) {
        boolean rotated = tokens.refreshToken() != null;
        String refreshToken = rotated ? tokens.refreshToken() : storedRefreshToken;
        connection.accessTokenCiphertext = vault.seal(tokens.accessToken(), context(connection, ACCESS));
        connection.refreshTokenCiphertext = vault.seal(refreshToken, context(connection, REFRESH));
        connection.tokenKeyId = vault.currentKeyId();
        connection.tokenExpiresAt = tokens.accessTokenExpiresAt();
        if (rotated || refreshToken == null) {
            connection.refreshTokenExpiresAt = tokens.refreshTokenExpiresAt();
        }
        if (tokens.scopes() != null) {
            connection.scopes = tokens.scopes();
        }
        connection.refreshFailures = 0;
        connection.nextRefreshAt = null;
        connection.lastRefreshError = null;
        connection.refreshLeaseOwner = null;
        connection.refreshLeaseUntil = null;
    }

    /** Forgets the tokens and any refresh in progress (the connection was revoked). */
    static void wipe(PlatformConnection connection) {
        connection.accessTokenCiphertext = null;
        connection.refreshTokenCiphertext = null;
        connection.tokenKeyId = null;
        connection.tokenExpiresAt = null;
        connection.refreshTokenExpiresAt = null;
        connection.refreshFailures = 0;
        connection.nextRefreshAt = null;
        connection.lastRefreshError = null;
        connection.refreshLeaseOwner = null;
        connection.refreshLeaseUntil = null;
    }

    static StoredGrant open(TokenVault vault, PlatformConnection connection) {
        return new StoredGrant(vault.open(connection.accessTokenCiphertext, context(connection, ACCESS)),
                               storedRefreshToken(vault, connection), connection.accountId);
    }

    /** The refresh token as stored; null when the connection has none. */
    static String storedRefreshToken(TokenVault vault, PlatformConnection connection) {
        return vault.open(connection.refreshTokenCiphertext, context(connection, REFRESH));
    }

    /** An access token read straight from a row ({@code ConnectionCredentials} reads without loading the entity). */
    static String openAccess(TokenVault vault, UUID tokenOwnerId, UUID platformId, String accountId,
                             String ciphertext) {
        return vault.open(ciphertext, context(tokenOwnerId, platformId, accountId, ACCESS));
    }

    private static String context(PlatformConnection connection, String which) {
        return context(connection.tokenOwnerId, connection.platformId, connection.accountId, which);
    }

    /** What the vault binds a sealed token to: this account of this owner, and which token it is. */
    static String context(UUID ownerId, UUID platformId, String accountId, String which) {
        return "user_platforms/" + ownerId + "/" + platformId + "/" + accountId + "/" + which;
    }
}
