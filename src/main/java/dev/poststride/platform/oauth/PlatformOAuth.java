package dev.poststride.platform.oauth;

import dev.poststride.platform.CreatorInfo;
import dev.poststride.platform.PlatformEndpoints.Resolved;
import dev.poststride.platform.PlatformKey;
import dev.poststride.platform.PublishingQuota;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How one platform does OAuth 2.0: its authorization URL, code exchange, identity, refresh and revoke. */
public interface PlatformOAuth {

    PlatformKey platform();

    /** The connect flow this implements, as connections store it ({@code ConnectFlow#stored()}): null = standard. */
    default String flow() {
        return null;
    }

    /** Whether the authorization URL carries a PKCE S256 challenge (and the exchange its verifier). */
    boolean usesPkce();

    /** Scopes asked for, in the platform's own separator. */
    String requestedScopes();

    /** The URL the browser goes to; {@code codeChallenge} is null when {@link #usesPkce()} is false. */
    String authorizationUrl(Resolved endpoints, String redirectUri, String state, String codeChallenge);

    /** Exchanges the code and reads which account(s) it grants. */
    List<GrantedAccount> exchange(Resolved endpoints, String code, String codeVerifier, String redirectUri);

    /** Whether a connection holding these tokens can be renewed without the user. */
    boolean canRefresh(boolean hasRefreshToken);

    /**
     * How old tokens must be before the platform renews them (Instagram Login: a day); a refresh asked for earlier
     * is answered as {@code TOO_YOUNG} without calling the platform, whose refusal would read as a dead grant.
     */
    default Duration minimumTokenAge() {
        return Duration.ZERO;
    }

    /** New tokens for a connection; {@link TokenSet#refreshToken()} null means "keep the stored one". */
    TokenSet refresh(Resolved endpoints, StoredGrant grant);

    /**
     * Asks the platform who {@code accessToken} belongs to, with a call that changes nothing. After the platform
     * refused that token for a connection whose token cannot be renewed, this decides: only the platform's
     * documented answer for a dead token ({@link TokenCheck#REFUSED}) disables the connection. Never throws.
     */
    TokenCheck checkToken(Resolved endpoints, String accessToken);

    /** Revokes the grant at the platform; false when the platform has no revoke endpoint for it. */
    boolean revoke(Resolved endpoints, StoredGrant grant);

    /** The creator's posting settings where the platform has them (TikTok); throws {@link OAuthFailure}. */
    default Optional<CreatorInfo> creatorInfo(Resolved endpoints, String accessToken) {
        return Optional.empty();
    }

    /** The account's publishing quota where the platform reports it (Instagram); throws {@link OAuthFailure}. */
    default Optional<PublishingQuota> publishingQuota(Resolved endpoints, String accessToken, String accountId) {
        return Optional.empty();
    }
}
