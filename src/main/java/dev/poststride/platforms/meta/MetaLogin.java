package dev.poststride.platforms.meta;

import static dev.poststride.platforms.OAuthHttp.bearer;
import static dev.poststride.platforms.OAuthHttp.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poststride.platforms.AppEndpoints;
import dev.poststride.platforms.OAuthHttp;
import dev.poststride.platforms.PlatformHttp.Reply;
import dev.poststride.platforms.PublishingQuota;
import dev.poststride.platforms.TokenCheck;
import dev.poststride.platforms.TokenEndpointClient;
import dev.poststride.platforms.TokenSet;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;

/**
 * Facebook Login, shared by Facebook Pages and Instagram (business accounts linked to a Page): the dialog with
 * comma-separated scopes, code → short-lived user token → long-lived (~60 days) user token, and the user's Pages.
 * Meta issues no refresh tokens; a long-lived token is renewed by exchanging it again before it expires.
 */
@ApplicationScoped
public class MetaLogin {

    private final OAuthHttp http;

    MetaLogin(OAuthHttp http) {
        this.http = http;
    }

    public String authorizationUrl(AppEndpoints endpoints, String redirectUri, String state, String scopes) {
        return query(endpoints.authorizeUrl(), "client_id", endpoints.clientId().orElseThrow(), "redirect_uri",
                     redirectUri, "state", state, "scope", scopes, "response_type", "code");
    }

    /** The long-lived user token for an authorization code. */
    public TokenSet longLivedUserToken(AppEndpoints endpoints, String code, String redirectUri, String scopes) {
        Reply shortLived = http.send(name(endpoints) + " token endpoint", () -> tokenEndpoint(endpoints).get(Map.of(
                "client_id", endpoints.clientId().orElseThrow(), "redirect_uri", redirectUri,
                "client_secret", endpoints.clientSecret().orElse(""), "code", code)));
        TokenSet userToken = http.tokens(name(endpoints) + " token endpoint", shortLived, scopes, GraphErrors::tryLater);
        return exchangeForLongLived(endpoints, userToken.accessToken(), scopes);
    }

    /** {@code grant_type=fb_exchange_token}: a long-lived token for a short-lived (or still valid long-lived) one. */
    public TokenSet exchangeForLongLived(AppEndpoints endpoints, String userToken, String scopes) {
        Reply longLived = http.send(name(endpoints) + " token exchange", () -> tokenEndpoint(endpoints).get(Map.of(
                "grant_type", "fb_exchange_token", "client_id", endpoints.clientId().orElseThrow(),
                "client_secret", endpoints.clientSecret().orElse(""), "fb_exchange_token", userToken)));
        return http.tokens(name(endpoints) + " token exchange", longLived, scopes, GraphErrors::tryLater);
    }

    /** The Pages the user manages, with the requested fields. */
    public JsonNode pages(AppEndpoints endpoints, String userToken, String fields) {
        Reply reply = http.send(name(endpoints) + " me/accounts", () -> graph(endpoints)
                .pages(bearer(userToken), fields, 100));
        if (!reply.ok() || OAuthHttp.errorCode(reply.body()) != null) {
            throw http.failure(name(endpoints) + " me/accounts", reply, GraphErrors::tryLater);
        }
        return reply.body().path("data");
    }

    /** {@code content_publishing_limit}: the account's quota use and size, or empty when Meta does not say. */
    public Optional<PublishingQuota> publishingLimit(AppEndpoints endpoints, String token, String igUserId) {
        Reply reply = http.send(name(endpoints) + " content_publishing_limit", () -> graph(endpoints)
                .publishingLimit(bearer(token), igUserId, "quota_usage,config"));
        if (!reply.ok() || OAuthHttp.errorCode(reply.body()) != null) {
            throw http.failure(name(endpoints) + " content_publishing_limit", reply, GraphErrors::tryLater);
        }
        return GraphQuota.posts(reply.body());
    }

    public JsonNode node(AppEndpoints endpoints, String token, String id, String fields) {
        Reply reply = http.send(name(endpoints) + " node", () -> graph(endpoints).node(bearer(token), id, fields));
        if (!reply.ok() || OAuthHttp.errorCode(reply.body()) != null) {
            throw http.failure(name(endpoints) + " node", reply, GraphErrors::tryLater);
        }
        return reply.body();
    }

    /** {@code GET /me} with the token (a Page token answers with its Page): Graph error 190 or 102 means dead. */
    public TokenCheck checkToken(AppEndpoints endpoints, String token) {
        return http.check(name(endpoints) + " me", () -> graph(endpoints).node(bearer(token), "me", "id"),
                          GraphErrors::deadToken);
    }

    private TokenEndpointClient tokenEndpoint(AppEndpoints endpoints) {
        return http.client(TokenEndpointClient.class, endpoints.tokenUrl());
    }

    private GraphAccountApi graph(AppEndpoints endpoints) {
        return http.client(GraphAccountApi.class, endpoints.apiUrl());
    }

    /** "Facebook", "Instagram (Meta)": which of Meta's platforms a message is about. */
    private static String name(AppEndpoints endpoints) {
        String key = endpoints.platform().key();
        String platform = Character.toUpperCase(key.charAt(0)) + key.substring(1);
        return platform.equals("Facebook") ? platform : platform + " (Meta)";
    }
}
