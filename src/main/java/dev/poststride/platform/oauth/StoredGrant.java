package dev.poststride.platform.oauth;

/** The decrypted tokens of a connection, handed to a platform for a refresh or a revoke. */
public record StoredGrant(String accessToken, String refreshToken) {

    @Override
    public String toString() {
        return "StoredGrant[refresh=" + (refreshToken != null) + "]";
    }
}
