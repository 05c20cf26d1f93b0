package dev.poststride.platforms.tiktok;

import static dev.poststride.platforms.OAuthHttp.bearer;
import static dev.poststride.platforms.OAuthHttp.form;
import static dev.poststride.platforms.OAuthHttp.query;
import static dev.poststride.platforms.OAuthHttp.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poststride.platforms.AppEndpoints;
import dev.poststride.platforms.CreatorInfo;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * TikTok (Login Kit for Web): {@code client_key} instead of client id, no PKCE for server-side web apps, client
 * key and secret in the form body, short-lived access tokens (2 h in the Nov 2026 docs, 24 h before) and rotating
 * refresh tokens — lifetimes are always read from {@code expires_in} / {@code refresh_expires_in}. Identity from
 * {@code /v2/user/info/} ({@code open_id}).
 */
@ApplicationScoped
class TikTokOAuth implements PlatformOAuth {

    private static final String SCOPES = "user.info.basic,video.publish,video.upload";

    private final OAuthHttp http;

    private final TikTokConfig config;

    TikTokOAuth(OAuthHttp http, TikTokConfig config) {
        this.http = http;
        this.config = config;
    }

    @Override
    public PlatformKey platform() {
        return TikTokModule.KEY;
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
        return query(endpoints.authorizeUrl(), "client_key", endpoints.clientId().orElseThrow(), "scope", SCOPES,
                     "response_type", "code", "redirect_uri", redirectUri, "state", state);
    }

    @Override
    public List<GrantedAccount> exchange(AppEndpoints endpoints, String code, String codeVerifier, String redirectUri) {
        TokenSet tokens = tokenCall(endpoints, form("code", code, "grant_type", "authorization_code",
                                                    "redirect_uri", redirectUri));
        if (!tokens.scopes().contains("video.publish")) {
            throw new OAuthFailure(OAuthFailure.Kind.REJECTED_GRANT, "scope_declined",
                                   "TikTok access was granted without video.publish, which posting needs");
        }
        Reply info = http.send("TikTok user/info", () -> http.client(TikTokAccountApi.class, endpoints.apiUrl())
                .userInfo(bearer(tokens.accessToken()), "open_id,union_id,avatar_url,display_name"));
        if (!info.ok() || OAuthHttp.errorCode(info.body()) != null) {
            throw http.failure("TikTok user/info", info);
        }
        JsonNode user = info.body().path("data").path("user");
        String openId = OAuthHttp.firstNonNull(text(user, "open_id"), text(info.body(), "open_id"));
        if (openId == null) {
            throw new OAuthFailure(OAuthFailure.Kind.TRANSIENT, "no_open_id",
                                   "TikTok user/info answered without open_id");
        }
        return List.of(new GrantedAccount(openId, text(user, "display_name"), tokens));
    }

    @Override
    public boolean canRefresh(boolean hasRefreshToken) {
        return hasRefreshToken;
    }

    @Override
    public TokenSet refresh(AppEndpoints endpoints, StoredGrant grant) {
        return tokenCall(endpoints, form("grant_type", "refresh_token", "refresh_token", grant.refreshToken()));
    }

    /** TikTok answers {@code access_token_invalid} in its envelope (with 401) for a dead token. */
    @Override
    public TokenCheck checkToken(AppEndpoints endpoints, String accessToken) {
        return http.check("TikTok user/info", () -> http.client(TikTokAccountApi.class, endpoints.apiUrl())
                .userInfo(bearer(accessToken), "open_id"), reply -> reply.status() == 401
                        || "access_token_invalid".equals(OAuthHttp.errorCode(reply.body())));
    }

    @Override
    public boolean revoke(AppEndpoints endpoints, StoredGrant grant) {
        MultivaluedMap<String, String> body = withClient(endpoints, form("token", grant.accessToken()));
        Reply reply = http.send("TikTok token revoke", () -> http.client(TikTokAccountApi.class, endpoints.apiUrl())
                .revoke(body));
        if (!reply.ok() || OAuthHttp.errorCode(reply.body()) != null) {
            throw http.failure("TikTok token revoke", reply);
        }
        return true;
    }

    @Override
    public Optional<CreatorInfo> creatorInfo(AppEndpoints endpoints, String accessToken) {
        TikTokAccountApi api = http.client(TikTokAccountApi.class, endpoints.apiUrl());
        Reply reply = http.send("TikTok creator_info", () -> api.creatorInfo(bearer(accessToken), Map.of()));
        if (!reply.ok() || OAuthHttp.errorCode(reply.body()) != null) {
            throw http.failure("TikTok creator_info", reply);
        }
        JsonNode data = reply.body().path("data");
        List<String> levels = new ArrayList<>();
        data.path("privacy_level_options").forEach(level -> levels.add(level.asText()));
        JsonNode longest = data.path("max_video_post_duration_sec");
        return Optional.of(new CreatorInfo(text(data, "creator_username"), text(data, "creator_nickname"),
                                           List.copyOf(levels), data.path("comment_disabled").asBoolean(false),
                                           data.path("duet_disabled").asBoolean(false),
                                           data.path("stitch_disabled").asBoolean(false),
                                           longest.isNumber() ? longest.asInt() : null));
    }

    private TokenSet tokenCall(AppEndpoints endpoints, MultivaluedMap<String, String> body) {
        MultivaluedMap<String, String> withClient = withClient(endpoints, body);
        Reply reply = http.send("TikTok token endpoint", () -> http.client(TokenEndpointClient.class,
                                                                            endpoints.tokenUrl()).post(null, withClient));
        return http.tokens("TikTok token endpoint", reply, SCOPES);
    }

    private static MultivaluedMap<String, String> withClient(AppEndpoints endpoints, MultivaluedMap<String, String> body) {
        body.add("client_key", endpoints.clientId().orElseThrow());
        endpoints.clientSecret().ifPresent(secret -> body.add("client_secret", secret));
        return body;
    }
}
