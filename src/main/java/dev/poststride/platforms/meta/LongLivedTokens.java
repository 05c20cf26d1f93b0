package dev.poststride.platforms.meta;

import dev.poststride.platforms.AppEndpoints;
import dev.poststride.platforms.OAuthHttp;
import dev.poststride.platforms.PlatformHttp.Reply;
import dev.poststride.platforms.TokenEndpointClient;
import dev.poststride.platforms.TokenSet;
import java.util.Map;

/**
 * Meta's long-lived tokens that renew themselves, without a refresh token (Instagram Login's {@code ig_*}, Threads'
 * {@code th_*}): a short-lived token becomes a 60-day one at {@code access_token}, and a 60-day one at least a day old
 * becomes a new one at {@code refresh_access_token}, both on the API's host beside its version segment.
 */
public final class LongLivedTokens {

    private LongLivedTokens() {
    }

    /** {@code <prefix>_exchange_token}: the 60-day token for a short-lived one (with the app secret). */
    public static TokenSet exchange(OAuthHttp http, String what, AppEndpoints endpoints, String grant,
                                    String shortLived, String scopes) {
        Reply exchanged = http.send(what, () -> tokenEndpoint(http, graphRoot(endpoints) + "/access_token").get(
                Map.of("grant_type", grant, "client_secret", endpoints.clientSecret().orElse(""),
                       "access_token", shortLived)));
        return http.tokens(what, exchanged, scopes, GraphErrors::tryLater);
    }

    /** {@code <prefix>_refresh_token}: a new 60-day token for the current one. */
    public static TokenSet renew(OAuthHttp http, String what, AppEndpoints endpoints, String grant, String token) {
        Reply renewed = http.send(what, () -> tokenEndpoint(http, graphRoot(endpoints) + "/refresh_access_token").get(
                Map.of("grant_type", grant, "access_token", token)));
        return http.tokens(what, renewed, null, GraphErrors::tryLater);
    }

    /** {@code https://graph.threads.net/v1.0} → {@code https://graph.threads.net}: where tokens are traded. */
    public static String graphRoot(AppEndpoints endpoints) {
        return endpoints.apiUrl().replaceFirst("/v\\d+(\\.\\d+)?$", "");
    }

    private static TokenEndpointClient tokenEndpoint(OAuthHttp http, String url) {
        return http.client(TokenEndpointClient.class, url);
    }
}
