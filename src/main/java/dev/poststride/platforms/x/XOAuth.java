package dev.poststride.platforms.x;

import static dev.poststride.platforms.OAuthHttp.basic;
import static dev.poststride.platforms.OAuthHttp.bearer;
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
import dev.poststride.platforms.StoredGrant;
import dev.poststride.platforms.TokenCheck;
import dev.poststride.platforms.TokenEndpointClient;
import dev.poststride.platforms.TokenSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;

/**
 * X: OAuth 2.0 authorization code with PKCE (mandatory), confidential client (HTTP Basic with the client secret,
 * or the client id in the body for a public client), 2-hour access tokens, rotating refresh tokens with
 * {@code offline.access}, identity from {@code GET /2/users/me}.
 */
@ApplicationScoped
class XOAuth implements PlatformOAuth {

    private static final String SCOPES = "tweet.read tweet.write users.read media.write offline.access";

    private final OAuthHttp http;

    private final XConfig config;

    XOAuth(OAuthHttp http, XConfig config) {
        this.http = http;
        this.config = config;
    }

    @Override
    public PlatformKey platform() {
        return XModule.KEY;
    }

    @Override
    public PlatformApp app() {
        return config;
    }

    @Override
    public boolean usesPkce() {
        return true;
    }

    @Override
    public String requestedScopes() {
        return SCOPES;
    }

    @Override
    public String authorizationUrl(AppEndpoints endpoints, String redirectUri, String state, String codeChallenge) {
        return query(endpoints.authorizeUrl(), "response_type", "code", "client_id", endpoints.clientId().orElseThrow(),
                     "redirect_uri", redirectUri, "scope", SCOPES, "state", state, "code_challenge", codeChallenge,
                     "code_challenge_method", "S256");
    }

    @Override
    public List<GrantedAccount> exchange(AppEndpoints endpoints, String code, String codeVerifier, String redirectUri) {
        TokenSet tokens = tokenCall(endpoints, form("code", code, "grant_type", "authorization_code",
                                                    "redirect_uri", redirectUri, "code_verifier", codeVerifier));
        Reply me = http.send("X users/me", () -> http.client(XAccountApi.class, endpoints.apiUrl())
                .me(bearer(tokens.accessToken()), "username,name,profile_image_url,verified"));
        if (!me.ok()) {
            throw http.failure("X users/me", me);
        }
        JsonNode user = me.body().path("data");
        String id = text(user, "id");
        if (id == null) {
            throw new OAuthFailure(OAuthFailure.Kind.TRANSIENT, "no_user_id", "X users/me answered without data.id");
        }
        return List.of(new GrantedAccount(id, text(user, "username"), tokens));
    }

    @Override
    public boolean canRefresh(boolean hasRefreshToken) {
        return hasRefreshToken;
    }

    @Override
    public TokenSet refresh(AppEndpoints endpoints, StoredGrant grant) {
        return tokenCall(endpoints, form("grant_type", "refresh_token", "refresh_token", grant.refreshToken()));
    }

    /** X answers 401 for a token that is revoked, expired or unknown. */
    @Override
    public TokenCheck checkToken(AppEndpoints endpoints, String accessToken) {
        return http.check("X users/me", () -> http.client(XAccountApi.class, endpoints.apiUrl())
                .me(bearer(accessToken), "id"), reply -> reply.status() == 401);
    }

    @Override
    public boolean revoke(AppEndpoints endpoints, StoredGrant grant) {
        MultivaluedMap<String, String> body = withClientId(endpoints, form("token", grant.accessToken(),
                                                                            "token_type_hint", "access_token"));
        Reply reply = http.send("X token revoke", () -> http.client(XAccountApi.class, endpoints.apiUrl())
                .revoke(authorization(endpoints), body));
        if (!reply.ok()) {
            throw http.failure("X token revoke", reply);
        }
        return true;
    }

    private TokenSet tokenCall(AppEndpoints endpoints, MultivaluedMap<String, String> body) {
        MultivaluedMap<String, String> withClient = withClientId(endpoints, body);
        Reply reply = http.send("X token endpoint", () -> http.client(TokenEndpointClient.class, endpoints.tokenUrl())
                .post(authorization(endpoints), withClient));
        return http.tokens("X token endpoint", reply, SCOPES);
    }

    /** Confidential clients authenticate with HTTP Basic; public clients (no secret) name themselves in the body. */
    private static String authorization(AppEndpoints endpoints) {
        return endpoints.clientSecret().map(secret -> basic(endpoints.clientId().orElseThrow(), secret)).orElse(null);
    }

    private static MultivaluedMap<String, String> withClientId(AppEndpoints endpoints, MultivaluedMap<String, String> body) {
        if (endpoints.clientSecret().isEmpty()) {
            body.add("client_id", endpoints.clientId().orElseThrow());
        }
        return body;
    }
}
