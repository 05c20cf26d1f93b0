package dev.poststride.platform;

import dev.poststride.common.crypto.TokenVault;
import dev.poststride.platforms.StoredGrant;
import dev.poststride.platforms.TokenSet;

/** Moves a connection's tokens in and out of the vault; the one place that knows how they are sealed. */
final class ConnectionTokens {

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
        connection.accessTokenCiphertext = vault.seal(tokens.accessToken(), connection.sealContext("access"));
        connection.refreshTokenCiphertext = vault.seal(refreshToken, connection.sealContext("refresh"));
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
        return new StoredGrant(vault.open(connection.accessTokenCiphertext, connection.sealContext("access")),
                               vault.open(connection.refreshTokenCiphertext, connection.sealContext("refresh")),
                               connection.accountId);
    }
}
