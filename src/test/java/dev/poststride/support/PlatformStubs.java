package dev.poststride.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.UUID;

/**
 * WireMock stubs of the platforms' OAuth and identity endpoints, in the shapes of platform-apis.md. Each stub
 * matches the one code or token it was made for, so tests cannot satisfy each other's calls.
 */
public final class PlatformStubs {

    private PlatformStubs() {
    }

    /** Tokens a fake handed out; both contain {@link FakePlatforms#SECRET_MARK}. */
    public record Tokens(String access, String refresh) {
        public static Tokens fresh(String platform) {
            String id = UUID.randomUUID().toString();
            return new Tokens(FakePlatforms.SECRET_MARK + platform + "-access-" + id,
                              FakePlatforms.SECRET_MARK + platform + "-refresh-" + id);
        }
    }

    public static String tokenJson(Tokens tokens, long expiresIn, String scope) {
        return "{\"token_type\":\"bearer\",\"access_token\":\"" + tokens.access() + "\",\"expires_in\":" + expiresIn
               + (tokens.refresh() == null ? "" : ",\"refresh_token\":\"" + tokens.refresh() + "\"")
               + (scope == null ? "" : ",\"scope\":\"" + scope + "\"") + "}";
    }

    // ---- X -------------------------------------------------------------------------------------------------------

    public static final String X_SCOPES = "tweet.read tweet.write users.read media.write offline.access";

    public static Tokens xConnect(WireMockServer fake, String code, String userId, String username) {
        Tokens tokens = Tokens.fresh("x");
        fake.stubFor(post(urlPathEqualTo("/x/2/oauth2/token"))
                             .withRequestBody(containing("code=" + code))
                             .willReturn(okJson(tokenJson(tokens, 7200, X_SCOPES))));
        fake.stubFor(get(urlPathEqualTo("/x/2/users/me"))
                             .withHeader("Authorization", equalTo("Bearer " + tokens.access()))
                             .willReturn(okJson("{\"data\":{\"id\":\"" + userId + "\",\"name\":\"Test\",\"username\":\""
                                                + username + "\"}}")));
        return tokens;
    }

    /** X refresh: {@code old} gets {@code next}; X answers a spent refresh token with 400 invalid_request. */
    public static void xRefresh(WireMockServer fake, String oldRefreshToken, Tokens next) {
        fake.stubFor(post(urlPathEqualTo("/x/2/oauth2/token"))
                             .withRequestBody(containing("grant_type=refresh_token"))
                             .withRequestBody(containing("refresh_token=" + oldRefreshToken))
                             .willReturn(okJson(tokenJson(next, 7200, X_SCOPES))));
    }

    public static void xRefreshRejected(WireMockServer fake, String refreshToken, String error) {
        fake.stubFor(post(urlPathEqualTo("/x/2/oauth2/token"))
                             .withRequestBody(containing("refresh_token=" + refreshToken))
                             .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                                                 .withBody("{\"error\":\"" + error + "\",\"error_description\":"
                                                           + "\"Value passed for the token was invalid.\"}")));
    }

    // ---- LinkedIn ------------------------------------------------------------------------------------------------

    public static Tokens linkedInConnect(WireMockServer fake, String code, String sub, boolean withRefreshToken) {
        Tokens tokens = withRefreshToken ? Tokens.fresh("linkedin") : new Tokens(Tokens.fresh("linkedin").access(), null);
        fake.stubFor(post(urlPathEqualTo("/linkedin/oauth/v2/accessToken"))
                             .withRequestBody(containing("code=" + code))
                             .willReturn(okJson(tokenJson(tokens, 5_184_000, "openid,profile,w_member_social"))));
        fake.stubFor(get(urlPathEqualTo("/linkedin/v2/userinfo"))
                             .withHeader("Authorization", equalTo("Bearer " + tokens.access()))
                             .willReturn(okJson("{\"sub\":\"" + sub + "\",\"name\":\"Lin Kedin\"}")));
        return tokens;
    }

    /**
     * LinkedIn's token endpoint refusing a refresh token (400 {@code invalid_grant}, "Token has been expired or
     * revoked.", as nango.dev/blog/linkedin-oauth-refresh-token-invalid-grant shows LinkedIn's answer).
     */
    public static void linkedInRefreshRejected(WireMockServer fake, String refreshToken) {
        fake.stubFor(post(urlPathEqualTo("/linkedin/oauth/v2/accessToken"))
                             .withRequestBody(containing("refresh_token=" + refreshToken))
                             .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                                                 .withBody("{\"error\":\"invalid_grant\",\"error_description\":"
                                                           + "\"Token has been expired or revoked.\"}")));
    }

    /** LinkedIn's userinfo refusing {@code accessToken} as revoked (platform-apis.md 2.5's 401 body). */
    public static void linkedInUserinfoRefused(WireMockServer fake, String accessToken) {
        fake.stubFor(get(urlPathEqualTo("/linkedin/v2/userinfo"))
                             .withHeader("Authorization", equalTo("Bearer " + accessToken))
                             .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                                                 .withBody(LINKEDIN_REVOKED)));
    }

    /** LinkedIn's answer for a token the member revoked (platform-apis.md 2.5). */
    public static final String LINKEDIN_REVOKED = "{\"status\":401,\"serviceErrorCode\":65601,"
            + "\"code\":\"REVOKED_ACCESS_TOKEN\",\"message\":\"The token used in the request has been revoked by the"
            + " user\"}";

    // ---- TikTok --------------------------------------------------------------------------------------------------

    public static final String TIKTOK_SCOPES = "user.info.basic,video.publish,video.upload";

    public static Tokens tikTokConnect(WireMockServer fake, String code, String openId) {
        Tokens tokens = Tokens.fresh("tiktok");
        fake.stubFor(post(urlPathEqualTo("/tiktok/v2/oauth/token/"))
                             .withRequestBody(containing("code=" + code))
                             .willReturn(okJson(tikTokTokenJson(tokens, openId))));
        fake.stubFor(get(urlPathEqualTo("/tiktok/v2/user/info/"))
                             .withHeader("Authorization", equalTo("Bearer " + tokens.access()))
                             .willReturn(okJson("{\"data\":{\"user\":{\"open_id\":\"" + openId
                                                + "\",\"display_name\":\"Tik Toker\"}},\"error\":{\"code\":\"ok\","
                                                + "\"message\":\"\",\"log_id\":\"log1\"}}")));
        return tokens;
    }

    public static String tikTokTokenJson(Tokens tokens, String openId) {
        return "{\"open_id\":\"" + openId + "\",\"scope\":\"" + TIKTOK_SCOPES + "\",\"access_token\":\""
               + tokens.access() + "\",\"expires_in\":7200,\"refresh_token\":\"" + tokens.refresh()
               + "\",\"refresh_expires_in\":15552000,\"token_type\":\"Bearer\"}";
    }

    // ---- Instagram Login ---------------------------------------------------------------------------------------

    public static final String INSTAGRAM_LOGIN_SCOPES = "instagram_business_basic,instagram_business_content_publish,"
                                                        + "instagram_business_manage_comments";

    /**
     * Instagram Login's code → short-lived token (form POST, answered wrapped in {@code data} as Meta documents it)
     * → 60-day token ({@code ig_exchange_token}) → {@code /me}; returns the long-lived token.
     */
    public static Tokens instagramLogin(WireMockServer fake, String code, String igUserId, String username) {
        String shortLived = FakePlatforms.SECRET_MARK + "ig-login-short-" + UUID.randomUUID();
        Tokens longLived = new Tokens(FakePlatforms.SECRET_MARK + "ig-login-long-" + UUID.randomUUID(), null);
        fake.stubFor(post(urlPathEqualTo("/instagram-login/oauth/access_token"))
                             .withRequestBody(containing("code=" + code))
                             .willReturn(okJson("{\"data\":[{\"access_token\":\"" + shortLived + "\",\"user_id\":\""
                                                + igUserId + "\",\"permissions\":\"" + INSTAGRAM_LOGIN_SCOPES
                                                + "\"}]}")));
        fake.stubFor(get(urlPathEqualTo("/instagram-login/access_token"))
                             .withQueryParam("grant_type", equalTo("ig_exchange_token"))
                             .withQueryParam("access_token", equalTo(shortLived))
                             .withQueryParam("client_secret", equalTo(FakePlatforms.clientSecret("instagram-login")))
                             .willReturn(okJson("{\"access_token\":\"" + longLived.access()
                                                + "\",\"token_type\":\"bearer\",\"expires_in\":5184000}")));
        fake.stubFor(get(urlPathEqualTo("/instagram-login/v25.0/me"))
                             .withHeader("Authorization", equalTo("Bearer " + longLived.access()))
                             .willReturn(okJson("{\"id\":\"app-scoped-1\",\"user_id\":\"" + igUserId
                                                + "\",\"username\":\"" + username + "\"}")));
        return longLived;
    }

    // ---- Meta (Facebook Pages, Instagram) -------------------------------------------------------------------------

    /** Code → short-lived token → long-lived token, on the platform's own prefix ({@code facebook}/{@code instagram}). */
    public static Tokens metaLogin(WireMockServer fake, String platform, String code) {
        String shortLived = FakePlatforms.SECRET_MARK + platform + "-short-" + UUID.randomUUID();
        Tokens longLived = new Tokens(FakePlatforms.SECRET_MARK + platform + "-long-" + UUID.randomUUID(), null);
        String tokenPath = "/" + platform + "/v25.0/oauth/access_token";
        fake.stubFor(get(urlPathEqualTo(tokenPath)).withQueryParam("code", equalTo(code))
                             .willReturn(okJson(tokenJson(new Tokens(shortLived, null), 5400, null))));
        fake.stubFor(get(urlPathEqualTo(tokenPath)).withQueryParam("grant_type", equalTo("fb_exchange_token"))
                             .withQueryParam("fb_exchange_token", equalTo(shortLived))
                             .willReturn(okJson(tokenJson(longLived, 5_183_944, null))));
        return longLived;
    }

    // ---- Meta (Graph) ------------------------------------------------------------------------------------------------

    /** Graph's answer for a dead token (platform-apis.md 3.5: code 190, OAuthException). */
    public static final String GRAPH_DEAD_TOKEN = "{\"error\":{\"message\":\"Error validating access token: The"
            + " session has been invalidated because the user changed their password.\",\"type\":\"OAuthException\","
            + "\"code\":190,\"error_subcode\":460}}";

    /**
     * {@code GET /me} on a Graph host ({@code facebook} or {@code instagram}) with {@code accessToken}: the account when
     * {@code alive}, else Graph's dead-token answer.
     */
    public static void graphMe(WireMockServer fake, String platform, String accessToken, boolean alive) {
        fake.stubFor(get(urlPathEqualTo("/" + platform + "/v25.0/me"))
                             .withHeader("Authorization", equalTo("Bearer " + accessToken))
                             .willReturn(alive ? okJson("{\"id\":\"1\",\"name\":\"Still here\"}")
                                     : aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                                             .withBody(GRAPH_DEAD_TOKEN)));
    }
}
