package dev.poststride.platforms.instagram;

import static dev.poststride.platforms.OAuthHttp.form;
import static dev.poststride.platforms.OAuthHttp.query;
import static dev.poststride.platforms.OAuthHttp.text;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.poststride.platforms.meta.LongLivedTokens;
import dev.poststride.platforms.meta.MetaLogin;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Instagram through Instagram Login (Business Login for Instagram): a professional account without a Facebook Page,
 * on {@code graph.instagram.com} (platform-apis.md §4.1). The code becomes a short-lived token at
 * {@code api.instagram.com} (form POST), that one a 60-day token ({@code ig_exchange_token}), and the account is
 * {@code /me}'s {@code user_id}. There is no refresh token: the long-lived token renews itself
 * ({@code ig_refresh_token}) while it is valid and at least a day old, which the refresh job's seven days ahead
 * ({@code platforms.instagram.refresh-ahead}) satisfies; an expired one needs the user.
 */
@ApplicationScoped
class InstagramLoginOAuth implements PlatformOAuth {

    /** {@code instagram_business_manage_comments}: first comments under published media. */
    private static final String SCOPES = "instagram_business_basic,instagram_business_content_publish,"
                                         + "instagram_business_manage_comments";

    /** How connections made this way store their flow, and how a connect request names it. */
    static final String FLOW = "instagram_login";

    private final OAuthHttp http;
    private final MetaLogin meta;

    private final InstagramConfig config;

    InstagramLoginOAuth(OAuthHttp http, MetaLogin meta, InstagramConfig config) {
        this.http = http;
        this.meta = meta;
        this.config = config;
    }

    @Override
    public PlatformKey platform() {
        return InstagramModule.KEY;
    }

    @Override
    public PlatformApp app() {
        return config.login();
    }

    @Override
    public String flowName() {
        return FLOW;
    }

    @Override
    public String settingsPrefix() {
        return "PLATFORMS_INSTAGRAM_LOGIN";
    }

    /** The sandbox serves Instagram Login as a platform of its own. */
    @Override
    public String sandboxName() {
        return InstagramFake.LOGIN;
    }

    @Override
    public String flow() {
        return FLOW;
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
                     redirectUri, "response_type", "code", "scope", SCOPES, "state", state);
    }

    @Override
    public List<GrantedAccount> exchange(AppEndpoints endpoints, String code, String codeVerifier, String redirectUri) {
        Reply answer = http.send("Instagram Login token endpoint", () -> tokenEndpoint(endpoints.tokenUrl()).post(
                null, form("client_id", endpoints.clientId().orElseThrow(),
                           "client_secret", endpoints.clientSecret().orElse(""),
                           "grant_type", "authorization_code", "redirect_uri", redirectUri, "code", code)));
        // Documented both flat and wrapped in "data": [{access_token, user_id, permissions}].
        JsonNode granted = answer.body().path("data").isArray() ? answer.body().path("data").path(0) : answer.body();
        String scopes = permissions(granted.path("permissions"));
        TokenSet shortLived = http.tokens("Instagram Login token endpoint", answer.withBody(granted), scopes,
                                          GraphErrors::tryLater);
        TokenSet longLived = LongLivedTokens.exchange(http, "Instagram Login token exchange", endpoints,
                                                      "ig_exchange_token", shortLived.accessToken(),
                                                      shortLived.scopes());
        JsonNode me = meta.node(endpoints, longLived.accessToken(), "me", "user_id,username,name");
        String accountId = OAuthHttp.firstNonNull(text(me, "user_id"), text(granted, "user_id"));
        if (accountId == null) {
            throw new OAuthFailure(OAuthFailure.Kind.TRANSIENT, "no_account_id", "Instagram Login's /me answered"
                                                                                  + " without a user_id");
        }
        return List.of(new GrantedAccount(accountId, OAuthHttp.firstNonNull(text(me, "username"), text(me, "name")),
                                          new TokenSet(longLived.accessToken(), null,
                                                       longLived.accessTokenExpiresAt(), null, scopes)));
    }

    @Override
    public TokenCheck checkToken(AppEndpoints endpoints, String accessToken) {
        return meta.checkToken(endpoints, accessToken);
    }

    @Override
    public boolean canRefresh(boolean hasRefreshToken) {
        return true;
    }

    /** Meta renews a long-lived Instagram Login token only once it is at least 24 hours old. */
    @Override
    public Duration minimumTokenAge() {
        return Duration.ofHours(24);
    }

    /** {@code ig_refresh_token}: a new 60-day token for the current one (there is no refresh token). */
    @Override
    public TokenSet refresh(AppEndpoints endpoints, StoredGrant grant) {
        return LongLivedTokens.renew(http, "Instagram Login token refresh", endpoints, "ig_refresh_token",
                                     grant.accessToken());
    }

    /** Instagram Login has no endpoint to revoke a token; the user removes the app in Instagram's settings. */
    @Override
    public boolean revoke(AppEndpoints endpoints, StoredGrant grant) {
        return false;
    }

    @Override
    public Optional<PublishingQuota> publishingQuota(AppEndpoints endpoints, String accessToken, String accountId) {
        return meta.publishingLimit(endpoints, accessToken, accountId);
    }

    private static String permissions(JsonNode permissions) {
        if (permissions.isArray()) {
            List<String> names = new ArrayList<>();
            permissions.forEach(p -> names.add(p.asText()));
            return names.isEmpty() ? SCOPES : String.join(",", names);
        }
        return permissions.isTextual() && !permissions.asText().isBlank() ? permissions.asText() : SCOPES;
    }

    private TokenEndpointClient tokenEndpoint(String url) {
        return http.client(TokenEndpointClient.class, url);
    }
}
