package dev.poststride.platforms;

import java.time.Instant;
import java.util.UUID;

/**
 * A connection's account and decrypted access token, and the connect flow it came from
 * ({@link PlatformOAuth#flow()}: which host and app it talks to). The token never leaves memory and is never
 * printed.
 */
public record Credentials(UUID connectionId, PlatformKey platform, String accountId, String accountName,
                          boolean active, String accessToken, String flow, TokenState token) {

    @Override
    public String toString() {
        return "Credentials[" + platform + " " + accountId + ", active=" + active + "]";
    }

    /**
     * What is known of the access token: when it was stored (connect or refresh; the version records of its
     * acceptance and refusal are fenced by), whether the platform has accepted it since, whether a refusal of it was
     * confirmed by an identity call since it was last accepted, and when it expires (null: never).
     */
    public record TokenState(Instant storedAt, boolean acceptedSinceStored, boolean refusalConfirmed,
                             Instant expiresAt) {
    }
}
