package dev.poststride.webhook;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Signatures as the Standard Webhooks specification defines them, made by its own Java library (so receivers using
 * any of its libraries verify them): the secret is {@code whsec_} and base64 of 32 random bytes;
 * {@code webhook-signature} is {@code v1,} and base64 of HMAC-SHA256(secret bytes,
 * "{webhook-id}.{webhook-timestamp}.{body}"), one such entry per valid secret, separated by spaces (two during a
 * rotation's overlap).
 */
final class WebhookSignature {

    static final String SECRET_PREFIX = "whsec_";

    private WebhookSignature() {
    }

    /** A new secret (rarely made: a SecureRandom of its own each time, none kept in a static field). */
    static String newSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The {@code webhook-signature} header for a message signed with each of {@code secrets}. */
    static String header(List<String> secrets, String messageId, long timestampSeconds, String body) {
        List<String> signatures = new ArrayList<>();
        try {
            for (String secret : secrets) {
                signatures.add(new Webhook(secret).sign(messageId, timestampSeconds, body));
            }
        } catch (WebhookSigningException | com.standardwebhooks.exceptions.EmptyWebhookSecretException e) {
            throw new IllegalStateException("A webhook could not be signed", e);
        }
        return String.join(" ", signatures);
    }
}
