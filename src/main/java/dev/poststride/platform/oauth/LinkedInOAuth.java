package dev.poststride.platform.oauth;

import static dev.poststride.platform.oauth.OAuthHttp.bearer;
import static dev.poststride.platform.oauth.OAuthHttp.form;
import static dev.poststride.platform.oauth.OAuthHttp.query;
import static dev.poststride.platform.oauth.OAuthHttp.text;

import dev.poststride.platform.PlatformEndpoints.Resolved;
import dev.poststride.platform.PlatformKey;
import dev.poststride.platform.oauth.OAuthHttp.Reply;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;

/**
 * LinkedIn: authorization code without PKCE (server-side flow), client id and secret in the form body,
 * 60-day access tokens, refresh tokens only for approved partners (365 days from the first grant), member id
 * from OpenID Connect {@code /v2/userinfo} ({@code sub}, posts are authored as {@code urn:li:person:<sub>}).
 */
@ApplicationScoped
class LinkedInOAuth implements PlatformOAuth {

    private static final String SCOPES = "openid profile w_member_social";

    private final OAuthHttp http;

    LinkedInOAuth(OAuthHttp http) {
        this.http = http;
    }

    @Override
    public PlatformKey platform() {
        return PlatformKey.LINKEDIN;
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
    public String authorizationUrl(Resolved endpoints, String redirectUri, String state, String codeChallenge) {
        return query(endpoints.authorizeUrl(), "response_type", "code", "client_id", endpoints.clientId().orElseThrow(),
                     "redirect_uri", redirectUri, "state", state, "scope", SCOPES);
    }

    @Override
    public List<GrantedAccount> exchange(Resolved endpoints, String code, String codeVerifier, String redirectUri) {
        TokenSet tokens = tokenCall(endpoints, form("grant_type", "authorization_code", "code", code,
                                                    "redirect_uri", redirectUri));
        Reply me = http.send("LinkedIn userinfo", () -> http.client(LinkedInAccountApi.class, endpoints.apiUrl())
                .userinfo(bearer(tokens.accessToken())));
        if (!me.ok()) {
            throw http.failure("LinkedIn userinfo", me);
        }
        String sub = text(me.body(), "sub");
        if (sub == null) {
            throw new OAuthFailure(OAuthFailure.Kind.TRANSIENT, "no_sub", "LinkedIn userinfo answered without sub");
        }
        return List.of(new GrantedAccount(sub, text(me.body(), "name"), tokens));
    }

    @Override
    public boolean canRefresh(boolean hasRefreshToken) {
        return hasRefreshToken;
    }

    @Override
    public TokenSet refresh(Resolved endpoints, StoredGrant grant) {
        return tokenCall(endpoints, form("grant_type", "refresh_token", "refresh_token", grant.refreshToken()));
    }

    /** LinkedIn documents no revoke endpoint for member tokens; the grant ends when the member removes the app. */
    @Override
    public boolean revoke(Resolved endpoints, StoredGrant grant) {
        return false;
    }

    private TokenSet tokenCall(Resolved endpoints, MultivaluedMap<String, String> body) {
        body.add("client_id", endpoints.clientId().orElseThrow());
        endpoints.clientSecret().ifPresent(secret -> body.add("client_secret", secret));
        Reply reply = http.send("LinkedIn token endpoint", () -> http.client(TokenEndpointClient.class,
                                                                              endpoints.tokenUrl()).post(null, body));
        return http.tokens("LinkedIn token endpoint", reply, SCOPES);
    }
}
