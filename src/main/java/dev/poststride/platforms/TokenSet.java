package dev.poststride.platforms;

import java.time.Instant;

/**
 * Tokens a platform granted. {@code refreshToken} is null when the platform sent none (then a stored one is
 * kept); expiry instants are null when the token does not expire (Facebook Page tokens).
 */
public record TokenSet(String accessToken, String refreshToken, Instant accessTokenExpiresAt,
                       Instant refreshTokenExpiresAt, String scopes) {

    @Override
    public String toString() {
        return "TokenSet[expires=" + accessTokenExpiresAt + ", refresh=" + (refreshToken != null) + ", scopes="
               + scopes + "]";
    }
}
