package dev.poststride.platforms;

import jakarta.ws.rs.core.UriBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The OAuth side the platforms' fakes ({@link PlatformFake}) share: a consent screen that approves at once, codes
 * that carry the PKCE challenge they were issued for, and a token endpoint that hands out a new refresh token on
 * every refresh, as rotating platforms do.
 */
public final class SandboxFakes {

    /** The build property that compiles the fakes and the sandbox in (dev and test, never prod). */
    public static final String ENABLED = "poststride.sandbox.enabled";

    private SandboxFakes() {
    }

    /** The consent screen: straight back to {@code redirect_uri} with a code bound to the PKCE challenge. */
    public static FakeAnswer consent(FakeRequest request) {
        String redirectUri = request.query().get("redirect_uri");
        String state = request.query().get("state");
        String challenge = request.query().get("code_challenge");
        if (redirectUri == null || !redirectUri.contains("/api/platforms/") || state == null) {
            return FakeAnswer.json(400, Map.of("error", "invalid_request"));
        }
        String code = "sbx." + (challenge == null ? "-" : challenge) + "." + UUID.randomUUID();
        return FakeAnswer.empty(302).with("Location", UriBuilder.fromUri(redirectUri).queryParam("code", code)
                .queryParam("state", state).build().toString());
    }

    /**
     * An OAuth token endpoint (form POST): a code exchange checks the code against its verifier, a refresh takes any
     * refresh token; either answers fresh tokens of {@code lifetimeSeconds} for {@code account} with a new refresh
     * token, plus {@code extra}.
     */
    public static FakeAnswer tokens(String platform, FakeRequest request, FakeWorld world, String account,
                                    long lifetimeSeconds, String scopes, Map<String, Object> extra) {
        FakeAnswer refused = refusal(request);
        if (refused != null) {
            return refused;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", world.token(platform, "access", account));
        answer.put("token_type", "bearer");
        answer.put("expires_in", lifetimeSeconds);
        answer.put("refresh_token", world.token(platform, "refresh", account));
        answer.put("refresh_expires_in", 15_552_000);
        answer.put("scope", scopes);
        answer.putAll(extra);
        return FakeAnswer.json(answer);
    }

    /** Why a token request is refused (400 in OAuth's shape), or null when it is a good one. */
    public static FakeAnswer refusal(FakeRequest request) {
        String grantType = request.param("grant_type");
        if ("authorization_code".equals(grantType)) {
            if (!codeMatches(request.param("code"), request.param("code_verifier"))) {
                return FakeAnswer.json(400, Map.of("error", "invalid_grant",
                                                   "error_description", "code or code_verifier is wrong"));
            }
            return null;
        }
        if (!"refresh_token".equals(grantType) || request.param("refresh_token") == null) {
            return FakeAnswer.json(400, Map.of("error", "unsupported_grant_type"));
        }
        return null;
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
