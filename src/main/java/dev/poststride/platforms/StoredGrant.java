package dev.poststride.platforms;

/**
 * The decrypted tokens of a connection, handed to a platform for a refresh or a revoke, with the platform's id of
 * the connected account.
 */
public record StoredGrant(String accessToken, String refreshToken, String accountId) {

    @Override
    public String toString() {
        return "StoredGrant[refresh=" + (refreshToken != null) + "]";
    }
}
