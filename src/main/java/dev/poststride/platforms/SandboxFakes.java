package dev.poststride.platforms;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What the modules' dev-sandbox fakes share ({@code platforms/<key>/<Name>Sandbox}, served under
 * {@code /sandbox/<key>} in builds with {@code poststride.sandbox.enabled=true}, dev and test, never prod): a consent
 * screen that approves at once, codes that carry the PKCE challenge they were issued for, random tokens, an OAuth
 * token endpoint that hands out a new refresh token on every refresh, as rotating platforms do. Stateless on purpose.
 */
public final class SandboxFakes {

    /** The build property that compiles the fakes in. */
    public static final String ENABLED = "poststride.sandbox.enabled";

    private SandboxFakes() {
    }

    /** The consent screen: straight back to {@code redirect_uri} with a code bound to the PKCE challenge. */
    public static Response consent(String redirectUri, String state, String challenge) {
        if (redirectUri == null || !redirectUri.contains("/api/platforms/") || state == null) {
            return Response.status(400).entity(Map.of("error", "invalid_request")).build();
        }
        String code = "sbx." + (challenge == null ? "-" : challenge) + "." + UUID.randomUUID();
        URI target = UriBuilder.fromUri(redirectUri).queryParam("code", code).queryParam("state", state).build();
        return Response.status(Response.Status.FOUND).location(target).build();
    }

    /**
     * An OAuth token endpoint (form POST): a code exchange checks the code against its verifier, a refresh takes any
     * refresh token; either answers fresh tokens of {@code lifetimeSeconds} with a new refresh token, plus {@code
     * extra}.
     */
    public static Response tokens(String platform, String grantType, String code, String verifier,
                                  String refreshToken, long lifetimeSeconds, String scopes, Map<String, Object> extra) {
        Response refused = refusal(grantType, code, verifier, refreshToken);
        if (refused != null) {
            return refused;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", token(platform, "access"));
        answer.put("token_type", "bearer");
        answer.put("expires_in", lifetimeSeconds);
        answer.put("refresh_token", token(platform, "refresh"));
        answer.put("refresh_expires_in", 15_552_000);
        answer.put("scope", scopes);
        answer.putAll(extra);
        return Response.ok(answer).build();
    }

    /** Why a token request is refused (400 in OAuth's shape), or null when it is a good one. */
    public static Response refusal(String grantType, String code, String verifier, String refreshToken) {
        if ("authorization_code".equals(grantType)) {
            if (!codeMatches(code, verifier)) {
                return Response.status(400).entity(Map.of("error", "invalid_grant",
                                                          "error_description", "code or code_verifier is wrong"))
                        .build();
            }
            return null;
        }
        if (!"refresh_token".equals(grantType) || refreshToken == null) {
            return Response.status(400).entity(Map.of("error", "unsupported_grant_type")).build();
        }
        return null;
    }

    public static String token(String platform, String kind) {
        return "sandbox-" + platform + "-" + kind + "-" + UUID.randomUUID();
    }

    public static String numericId() {
        return Long.toString(1_000_000_000L + (long) (Math.random() * 8_000_000_000L));
    }

    /** {@code base} without a trailing slash. */
    public static String trimSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static boolean codeMatches(String code, String verifier) {
        if (code == null || !code.startsWith("sbx.")) {
            return false;
        }
        String challenge = code.split("\\.", 3)[1];
        if ("-".equals(challenge)) {
            return true;
        }
        return verifier != null && challenge.equals(s256(verifier));
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
