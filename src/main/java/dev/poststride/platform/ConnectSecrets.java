package dev.poststride.platform;

import dev.poststride.common.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** The random values of a connect flow (state, PKCE verifier, browser binding) and what is kept of them. */
final class ConnectSecrets {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private ConnectSecrets() {
    }

    /**
     * 256 random bits, URL-safe. The generator is its caller's (a bean's, made at run time: a static one would be
     * made while the native image is built, with its seed frozen into the binary).
     */
    static String newToken(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    /** What the database keeps of a state: its hash, so a leaked row cannot complete a flow. */
    static String hash(String state) {
        return Sha256.hex(state);
    }

    /** PKCE S256: BASE64URL(SHA-256(ASCII(verifier))). */
    static String challenge(String verifier) {
        try {
            return BASE64URL.encodeToString(MessageDigest.getInstance("SHA-256")
                                                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
