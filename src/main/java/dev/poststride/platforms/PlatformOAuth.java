package dev.poststride.platforms;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How one platform does OAuth 2.0: its authorization URL, code exchange, identity, refresh and revoke. */
public interface PlatformOAuth {

    PlatformKey platform();

    /** The connect flow this implements, as connections store it: null for the platform's standard flow. */
    default String flow() {
        return null;
    }

    /**
     * The name a connect request gives this flow ({@code flow}), where the platform has several (Instagram:
     * {@code facebook_login}, {@code instagram_login}); null where it has one.
     */
    default String flowName() {
        return null;
    }

    /** The app this flow uses, as configured. */
    PlatformApp app();

    /** The environment prefix of {@link #app()}'s settings, named in messages to operators. */
    default String settingsPrefix() {
        return "PLATFORMS_" + platform().envName();
    }

    /** Where the dev sandbox serves this flow's fake ({@code /sandbox/<this>}). */
    default String sandboxName() {
        return platform().key();
    }

    /** Whether the authorization URL carries a PKCE S256 challenge (and the exchange its verifier). */
    boolean usesPkce();

    /** Scopes asked for, in the platform's own separator. */
    String requestedScopes();

    /** The URL the browser goes to; {@code codeChallenge} is null when {@link #usesPkce()} is false. */
    String authorizationUrl(AppEndpoints endpoints, String redirectUri, String state, String codeChallenge);

    /** Exchanges the code and reads which account(s) it grants. */
    List<GrantedAccount> exchange(AppEndpoints endpoints, String code, String codeVerifier, String redirectUri);

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
    TokenSet refresh(AppEndpoints endpoints, StoredGrant grant);

    /**
     * Asks the platform who {@code accessToken} belongs to, with a call that changes nothing. After the platform
     * refused that token for a connection whose token cannot be renewed, this decides: only the platform's
     * documented answer for a dead token ({@link TokenCheck#REFUSED}) disables the connection. Never throws.
     */
    TokenCheck checkToken(AppEndpoints endpoints, String accessToken);

    /** Revokes the grant at the platform; false when the platform has no revoke endpoint for it. */
    boolean revoke(AppEndpoints endpoints, StoredGrant grant);

    /** The creator's posting settings where the platform has them (TikTok); throws {@link OAuthFailure}. */
    default Optional<CreatorInfo> creatorInfo(AppEndpoints endpoints, String accessToken) {
        return Optional.empty();
    }

    /** The account's publishing quota where the platform reports it (Instagram); throws {@link OAuthFailure}. */
    default Optional<PublishingQuota> publishingQuota(AppEndpoints endpoints, String accessToken, String accountId) {
        return Optional.empty();
    }
}
