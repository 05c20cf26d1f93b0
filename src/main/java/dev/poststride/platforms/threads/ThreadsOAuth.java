package dev.poststride.platforms.threads;

import static dev.poststride.platforms.OAuthHttp.form;
import static dev.poststride.platforms.OAuthHttp.query;
import static dev.poststride.platforms.OAuthHttp.text;

import dev.poststride.platforms.AppEndpoints;
import dev.poststride.platforms.GrantedAccount;
import dev.poststride.platforms.OAuthFailure;
import dev.poststride.platforms.OAuthHttp;
import dev.poststride.platforms.PlatformApp;
import dev.poststride.platforms.PlatformHttp.Reply;
import dev.poststride.platforms.PlatformKey;
import dev.poststride.platforms.PlatformOAuth;
import dev.poststride.platforms.PublishingQuota;
import dev.poststride.platforms.StoredGrant;
import dev.poststride.platforms.TokenCheck;
import dev.poststride.platforms.TokenEndpointClient;
import dev.poststride.platforms.TokenSet;
import dev.poststride.platforms.meta.GraphErrors;
import dev.poststride.platforms.meta.GraphQuota;
import dev.poststride.platforms.meta.LongLivedTokens;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Threads' own OAuth (platform-apis-more.md 10.1): the code becomes a one-hour token at {@code oauth/access_token}
 * (form POST), that one a 60-day token ({@code th_exchange_token}), and the profile is {@code /me}'s {@code id}. There
 * is no refresh token: the long-lived token renews itself ({@code th_refresh_token}) while it is valid and at least a
 * day old, which the refresh job's seven days ahead satisfies; one not renewed within 60 days needs the user.
 */
@ApplicationScoped
class ThreadsOAuth implements PlatformOAuth {

    /**
     * Publishing, and replies: a thread's parts and a first comment are replies, which need
     * {@code threads_manage_replies}.
     */
    static final String SCOPES = "threads_basic,threads_content_publish,threads_manage_replies";

    private final OAuthHttp http;
    private final ThreadsConfig config;

    ThreadsOAuth(OAuthHttp http, ThreadsConfig config) {
        this.http = http;
        this.config = config;
    }

    @Override
    public PlatformKey platform() {
        return ThreadsModule.KEY;
    }

    @Override
    public PlatformApp app() {
        return config;
    }

    @Override
    public boolean usesPkce() {
        return false;
    }

    @Override
    public String requestedScopes() {
        return SCOPES;
    }

    @Override
    public String authorizationUrl(AppEndpoints endpoints, String redirectUri, String state, String codeChallenge) {
        return query(endpoints.authorizeUrl(), "client_id", endpoints.clientId().orElseThrow(), "redirect_uri",
                     redirectUri, "scope", SCOPES, "response_type", "code", "state", state);
    }

    @Override
    public List<GrantedAccount> exchange(AppEndpoints endpoints, String code, String codeVerifier, String redirectUri) {
        Reply answer = http.send("Threads token endpoint", () -> tokenEndpoint(endpoints.tokenUrl()).post(
                null, form("client_id", endpoints.clientId().orElseThrow(),
                           "client_secret", endpoints.clientSecret().orElse(""),
                           "grant_type", "authorization_code", "redirect_uri", redirectUri, "code", code)));
        TokenSet shortLived = http.tokens("Threads token endpoint", answer, SCOPES, GraphErrors::tryLater);
        TokenSet longLived = LongLivedTokens.exchange(http, "Threads token exchange", endpoints, "th_exchange_token",
                                                      shortLived.accessToken(), SCOPES);
        Reply me = http.send("Threads me", () -> api(endpoints).node(longLived.accessToken(), "me", "id,username"));
        if (!me.ok() || OAuthHttp.errorCode(me.body()) != null) {
            throw http.failure("Threads me", me, GraphErrors::tryLater);
        }
        String accountId = OAuthHttp.firstNonNull(text(me.body(), "id"), text(answer.body(), "user_id"));
        if (accountId == null) {
            throw new OAuthFailure(OAuthFailure.Kind.TRANSIENT, "no_account_id", "Threads' /me answered without an id");
        }
        return List.of(new GrantedAccount(accountId, text(me.body(), "username"), new TokenSet(
                longLived.accessToken(), null, longLived.accessTokenExpiresAt(), null, SCOPES)));
    }

    /** {@code GET /me} with the token: Graph error 190 or 102 means it is dead. */
    @Override
    public TokenCheck checkToken(AppEndpoints endpoints, String accessToken) {
        return http.check("Threads me", () -> api(endpoints).node(accessToken, "me", "id"), GraphErrors::deadToken);
    }

    @Override
    public boolean canRefresh(boolean hasRefreshToken) {
        return true;
    }

    /** Threads renews a long-lived token only once it is at least 24 hours old. */
    @Override
    public Duration minimumTokenAge() {
        return Duration.ofHours(24);
    }

    /** {@code th_refresh_token}: a new 60-day token for the current one (there is no refresh token). */
    @Override
    public TokenSet refresh(AppEndpoints endpoints, StoredGrant grant) {
        return LongLivedTokens.renew(http, "Threads token refresh", endpoints, "th_refresh_token", grant.accessToken());
    }

    /** Threads has no endpoint to revoke a token; the user removes the app in Threads' settings. */
    @Override
    public boolean revoke(AppEndpoints endpoints, StoredGrant grant) {
        return false;
    }

    /** {@code threads_publishing_limit}: 250 posts per rolling 24 hours (a carousel is one). */
    @Override
    public Optional<PublishingQuota> publishingQuota(AppEndpoints endpoints, String accessToken, String accountId) {
        Reply reply = http.send("Threads publishing limit", () -> api(endpoints).publishingLimit(
                accessToken, accountId, "quota_usage,config"));
        if (!reply.ok() || OAuthHttp.errorCode(reply.body()) != null) {
            throw http.failure("Threads publishing limit", reply, GraphErrors::tryLater);
        }
        return GraphQuota.posts(reply.body());
    }

    private ThreadsApi api(AppEndpoints endpoints) {
        return http.client(ThreadsApi.class, endpoints.apiUrl());
    }

    private TokenEndpointClient tokenEndpoint(String url) {
        return http.client(TokenEndpointClient.class, url);
    }
}
