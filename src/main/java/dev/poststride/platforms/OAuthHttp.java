package dev.poststride.platforms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.poststride.platforms.OAuthFailure.Kind;
import dev.poststride.platforms.PlatformHttp.Reply;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The OAuth side of the HTTP kit, shared by every platform's connect flows: REST clients from {@link PlatformHttp}
 * with the connect flows' own timeouts ({@code poststride.connect.*-timeout}: a person waits in a browser), token
 * answers read into {@link TokenSet}s, and a platform's refusal sorted into an {@link OAuthFailure.Kind}.
 */
@ApplicationScoped
public class OAuthHttp {

    /** A platform family's error codes that mean "try later" (Meta's Graph codes), beside 408, 429 and 5xx. */
    @FunctionalInterface
    public interface TryLater {
        TryLater NONE = body -> false;

        boolean test(JsonNode body);
    }

    private static final Set<String> APP_ERRORS = Set.of("invalid_client", "unauthorized_client", "invalid_scope");
    /** The statuses with which OAuth endpoints refuse a code, token or grant (RFC 6749 5.2; Meta and TikTok). */
    private static final Set<Integer> GRANT_REFUSALS = Set.of(400, 401, 403);
    private static final int MAX_MESSAGE = 200;

    private final PlatformHttp http;
    private final PlatformCallsConfig.Connect config;
    private final Clock clock;

    OAuthHttp(PlatformHttp http, PlatformCallsConfig.Connect config, Clock clock) {
        this.http = http;
        this.config = config;
        this.clock = clock;
    }

    public <T> T client(Class<T> type, String baseUrl) {
        return http.client(type, baseUrl, config.connectTimeout(), config.readTimeout());
    }

    /** Runs one call; a connection failure or timeout becomes a transient failure naming only {@code what}. */
    public Reply send(String what, Supplier<Response> call) {
        try {
            return http.send(what, call);
        } catch (PlatformHttp.NotSent | PlatformHttp.MaybeSent e) {
            // Named by what only: a request URL may hold credentials (Meta's token URL carries the client secret).
            throw new OAuthFailure(Kind.TRANSIENT, "unreachable", what + " did not answer in time or could not be"
                                                                  + " reached");
        }
    }

    /**
     * An identity call's verdict on the token it carried: {@link TokenCheck#ACCEPTED} on a success without an error
     * envelope, {@link TokenCheck#REFUSED} on what {@code deadToken} recognises as the platform's answer for a dead
     * token, {@link TokenCheck#UNKNOWN} on anything else, a timeout included.
     */
    public TokenCheck check(String what, Supplier<Response> call, Predicate<Reply> deadToken) {
        Reply reply;
        try {
            reply = send(what, call);
        } catch (OAuthFailure unreachable) {
            return TokenCheck.UNKNOWN;
        }
        if (deadToken.test(reply)) {
            return TokenCheck.REFUSED;
        }
        return reply.ok() && errorCode(reply.body()) == null ? TokenCheck.ACCEPTED : TokenCheck.UNKNOWN;
    }

    /** Tokens from a token endpoint's answer, or the failure it describes. */
    public TokenSet tokens(String what, Reply reply, String requestedScopes) {
        return tokens(what, reply, requestedScopes, TryLater.NONE);
    }

    /** Tokens from a token endpoint's answer, or the failure it describes, with the family's "try later" codes. */
    public TokenSet tokens(String what, Reply reply, String requestedScopes, TryLater tryLater) {
        if (!reply.ok() || errorCode(reply.body()) != null) {
            throw failure(what, reply, tryLater);
        }
        String accessToken = text(reply.body(), "access_token");
        if (accessToken == null) {
            throw new OAuthFailure(Kind.TRANSIENT, "no_access_token", what + " answered without an access token");
        }
        Instant now = clock.instant();
        return new TokenSet(accessToken, text(reply.body(), "refresh_token"),
                            expiry(now, reply.body().path("expires_in")),
                            expiry(now, firstPresent(reply.body(), "refresh_token_expires_in", "refresh_expires_in")),
                            firstNonNull(text(reply.body(), "scope"), requestedScopes));
    }

    /**
     * Sorts a refusal by who can fix it: time (timeouts, 5xx, 429, a family's "try later" codes), an operator (the app's
     * credentials or scopes, or an endpoint answering with a status no OAuth refusal has), or else the user (a bad or
     * used code, a dead grant, answered 400, 401 or 403 or 2xx with an error: reconnect).
     */
    public OAuthFailure failure(String what, Reply reply) {
        return failure(what, reply, TryLater.NONE);
    }

    /** {@link #failure(String, Reply)}, with the family's "try later" codes. */
    public OAuthFailure failure(String what, Reply reply, TryLater tryLater) {
        String code = errorCode(reply.body());
        int status = reply.status();
        String label = what + " answered " + status + (code == null ? "" : " (" + code + ")");
        String description = description(reply.body());
        String message = description == null ? label : label + ": " + description;
        if (status == 429 || status == 408 || status >= 500 || tryLater.test(reply.body())) {
            return new OAuthFailure(Kind.TRANSIENT, code == null ? "http_" + status : code, message);
        }
        if (code != null && APP_ERRORS.contains(code) || !GRANT_REFUSALS.contains(status) && status >= 300) {
            // An unexpected status (404, 405, a redirect) says the endpoint or the request is wrong, not the grant.
            return new OAuthFailure(Kind.REJECTED_APP, code == null ? "http_" + status : code, message);
        }
        return new OAuthFailure(Kind.REJECTED_GRANT, code == null ? "http_" + status : code, message);
    }

    /**
     * The error code in any of the platforms' error shapes: OAuth's {@code error}, Meta's {@code error.code}, TikTok's
     * {@code error.code} envelope (where {@code "ok"} means success), LinkedIn's {@code serviceErrorCode}, and
     * Instagram Login's token endpoint's {@code error_type}.
     */
    public static String errorCode(JsonNode body) {
        JsonNode error = body.path("error");
        if (error.isTextual() && !error.asText().isBlank()) {
            return error.asText();
        }
        if (error.isObject()) {
            JsonNode code = error.path("code");
            if (code.isTextual()) {
                return "ok".equals(code.asText()) ? null : code.asText();
            }
            if (code.isNumber()) {
                return Integer.toString(code.asInt());
            }
            return "error";
        }
        if (body.path("error_type").isTextual() && !body.path("error_type").asText().isBlank()) {
            // {"error_type": "OAuthException", "code": 400, "error_message": ...}: read as OAuth's codes, so a bad
            // app credential reaches the operator and a bad or used code the user.
            String message = body.path("error_message").asText("").toLowerCase(java.util.Locale.ROOT);
            return message.contains("client secret") || message.contains("client_id")
                   || message.contains("platform app") ? "invalid_client" : "invalid_grant";
        }
        if (body.path("serviceErrorCode").isNumber()) {
            return "service_error_" + body.path("serviceErrorCode").asInt();
        }
        return null;
    }

    private static String description(JsonNode body) {
        String text = firstNonNull(text(body, "error_description"), text(body.path("error"), "message"),
                                   text(body, "message"), text(body, "error_message"));
        if (text == null) {
            return null;
        }
        return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "…" : text;
    }

    public static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static JsonNode firstPresent(JsonNode node, String... fields) {
        for (String field : fields) {
            if (node.hasNonNull(field)) {
                return node.get(field);
            }
        }
        return MissingNode.getInstance();
    }

    private static Instant expiry(Instant now, JsonNode seconds) {
        return seconds.canConvertToLong() && seconds.asLong() > 0 ? now.plusSeconds(seconds.asLong())
                : seconds.isTextual() && seconds.asText().matches("\\d+") ? now.plusSeconds(Long.parseLong(seconds.asText()))
                : null;
    }

    @SafeVarargs
    public static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    public static String basic(String clientId, String clientSecret) {
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + clientSecret)
                                                                     .getBytes(StandardCharsets.UTF_8));
    }

    public static MultivaluedMap<String, String> form(String... namesAndValues) {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                form.add(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return form;
    }

    public static String query(String url, String... namesAndValues) {
        StringBuilder out = new StringBuilder(url).append(url.contains("?") ? '&' : '?');
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (i > 0) {
                out.append('&');
            }
            out.append(encode(namesAndValues[i])).append('=').append(encode(namesAndValues[i + 1]));
        }
        return out.toString();
    }

    private static String encode(String value) {
        // %20 for spaces: X documents space-separated scopes as %20, and every platform accepts it.
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
