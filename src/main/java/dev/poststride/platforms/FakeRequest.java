package dev.poststride.platforms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A request to a fake platform ({@link PlatformFake}), whoever serves it: the dev sandbox or the benchmark's fake
 * server. {@code path} is what follows the platform's prefix ({@code /2/tweets} of {@code /x/2/tweets}); header names
 * are lower case. The body's JSON is read once, however many fields a fake takes from it.
 */
public final class FakeRequest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String method;
    private final String path;
    private final Map<String, String> query;
    private final Map<String, String> headers;
    private final byte[] body;
    private JsonNode json;

    public FakeRequest(String method, String path, Map<String, String> query, Map<String, String> headers,
                       byte[] body) {
        Map<String, String> lower = new HashMap<>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        this.method = method;
        this.path = path;
        this.query = query;
        this.headers = lower;
        this.body = body == null ? new byte[0] : body;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public Map<String, String> query() {
        return query;
    }

    public boolean is(String method, String path) {
        return this.method.equals(method) && this.path.equals(path);
    }

    /** The path's segments, without the leading slash: {@code [2, tweets]}. */
    public String[] segments() {
        return path.length() <= 1 ? new String[0] : path.substring(1).split("/");
    }

    /** The bearer token, or "" when there is none. */
    public String bearer() {
        String auth = headers.getOrDefault("authorization", "");
        return auth.startsWith("Bearer ") ? auth.substring(7) : "";
    }

    /** The JSON body; an empty object when the body is not JSON. */
    public JsonNode json() {
        if (json == null) {
            json = parse();
        }
        return json;
    }

    private JsonNode parse() {
        if (body.length == 0 || !headers.getOrDefault("content-type", "").contains("json")) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** A parameter of the query or, for a form POST, of the body. */
    public String param(String name) {
        String value = query.get(name);
        if (value != null || !headers.getOrDefault("content-type", "").startsWith("application/x-www-form-urlencoded")) {
            return value;
        }
        return decode(new String(body, StandardCharsets.UTF_8)).get(name);
    }

    /** {@code a=1&b=2}, URL-decoded. */
    public static Map<String, String> decode(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
