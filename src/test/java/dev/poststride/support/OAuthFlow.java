package dev.poststride.support;

import static dev.poststride.support.Api.as;
import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Walks the connect flow the way a browser would, minus the platform's consent screen. */
public final class OAuthFlow {

    private OAuthFlow() {
    }

    /**
     * The answer of {@code POST /api/platforms/connect}: the authorization URL's parameters, the state, and the
     * cookie that binds the flow to the browser which started it.
     */
    public record Started(String authorizationUrl, Map<String, String> params, String state,
                          Cookie browserBinding) {
    }

    /** The test's one browser: the binding cookie of every flow started, by state. */
    private static final Map<String, Cookie> BROWSER = new ConcurrentHashMap<>();

    public static Started start(Api.Account account, String platform) {
        return start(account, platform, null);
    }

    public static Started start(Api.Account account, String platform, String redirectUri) {
        return start(account, platform, redirectUri, null);
    }

    /** Starts the connect flow {@code flow} of a platform that has several (Instagram: {@code instagram_login}). */
    public static Started startFlow(Api.Account account, String platform, String flow) {
        return start(account, platform, null, flow);
    }

    private static Started start(Api.Account account, String platform, String redirectUri, String flow) {
        Map<String, Object> body = new HashMap<>();
        body.put("platform", platform);
        if (redirectUri != null) {
            body.put("redirect_uri", redirectUri);
        }
        if (flow != null) {
            body.put("flow", flow);
        }
        Response answer = as(account).contentType(ContentType.JSON).body(body).post("/api/platforms/connect");
        var json = answer.then().statusCode(200).extract().jsonPath();
        String url = json.getString("authorization_url");
        Cookie binding = answer.getDetailedCookies().asList().stream()
                .filter(c -> c.getName().startsWith("poststride_connect_")).findFirst().orElseThrow();
        BROWSER.put(json.getString("state"), binding);
        return new Started(url, queryParams(url), json.getString("state"), binding);
    }

    /**
     * The platform sending the browser back: no Bearer token, as in real life, and the flow's cookie when this
     * "browser" started the flow.
     */
    public static Response callback(String platform, String code, String state) {
        return browser(state).queryParam("code", code).queryParam("state", state)
                .get("/api/platforms/" + platform + "/callback");
    }

    /** A request from the browser that started the flow {@code state}: it carries the flow's cookie. */
    public static RequestSpecification browser(String state) {
        RequestSpecification browser = given().redirects().follow(false);
        Cookie binding = BROWSER.get(state);
        if (binding != null) {
            browser.cookie(new Cookie.Builder(binding.getName(), binding.getValue()).build());
        }
        return browser;
    }

    /** The callback arriving in a browser that did not start the flow (no cookie), e.g. a victim's. */
    public static Response callbackInAnotherBrowser(String platform, String code, String state) {
        return given().redirects().follow(false).queryParam("code", code).queryParam("state", state)
                .get("/api/platforms/" + platform + "/callback");
    }

    public static String newCode() {
        return "code-" + UUID.randomUUID();
    }

    public static Map<String, String> queryParams(String url) {
        return formParams(URI.create(url).getRawQuery());
    }

    /** Parses {@code a=1&b=2} (a query string or a form body). */
    public static Map<String, String> formParams(String encoded) {
        Map<String, String> params = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }

    public static String callbackUri(String platform) {
        return FakePlatforms.CALLBACK_BASE + "/api/platforms/" + platform + "/callback";
    }
}
