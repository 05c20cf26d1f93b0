package dev.poststride.common.crypto;

import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest (OAuth tokens, PKCE verifiers) with AES-256-GCM: a random 96-bit nonce per value and
 * the value's context (which row and column it belongs to) as associated data, so a ciphertext copied to another
 * row does not decrypt. A sealed value reads {@code <key-id>:<base64(nonce | ciphertext | tag)>}; the key id lets
 * keys rotate while old values stay readable.
 *
 * <p>Nothing here ever puts a plaintext or a key into an exception message.
 */
@Startup
@Singleton
public class TokenVault {

    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,50}");
    static final String KEY_ENV = "POSTSTRIDE_VAULT_KEY";

    private final SecureRandom random = new SecureRandom();
    private final String currentKeyId;
    private final Map<String, SecretKey> keys = new LinkedHashMap<>();

    // Public for tools that seal outside CDI with a key of their own (the benchmark seeder).
    public TokenVault(VaultConfig config) {
        String current = config.key().filter(k -> !k.isBlank()).orElseThrow(() -> new IllegalStateException(
                "Post Stride needs a token encryption key: set " + KEY_ENV + " to '<key-id>:<base64 of 32 random"
                        + " bytes>', for instance \"$(date +%Y%m):$(openssl rand -base64 32)\"."));
        currentKeyId = addKey(current, KEY_ENV);
        config.retiredKeys().ifPresent(list -> list.forEach(k -> addKey(k, "POSTSTRIDE_VAULT_RETIRED_KEYS")));
    }

    private String addKey(String entry, String source) {
        int colon = entry.indexOf(':');
        String id = colon < 0 ? "" : entry.substring(0, colon).trim();
        if (!KEY_ID.matcher(id).matches()) {
            throw new IllegalStateException(source + " must read '<key-id>:<base64 key>' with a key id of letters,"
                                            + " digits, '.', '_' or '-'.");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(entry.substring(colon + 1).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + ": the key of '" + id + "' is not valid base64.");
        }
        if (raw.length != 32) {
            throw new IllegalStateException(source + ": the key of '" + id + "' must be 32 bytes (AES-256), not "
                                            + raw.length + ".");
        }
        if (keys.putIfAbsent(id, new SecretKeySpec(raw, "AES")) != null) {
            throw new IllegalStateException(source + ": key id '" + id + "' is configured twice.");
        }
        return id;
    }

    /** The id of the key new values are sealed with. */
    public String currentKeyId() {
        return currentKeyId;
    }

    /** Encrypts {@code plaintext} for the given context; null stays null. */
    public String seal(String plaintext, String context) {
        if (plaintext == null) {
            return null;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return currentKeyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new VaultException("Encryption failed", e);
        }
    }

    /** Decrypts a value {@link #seal} produced for the same context; null stays null. */
    public String open(String sealed, String context) {
        if (sealed == null) {
            return null;
        }
        int colon = sealed.indexOf(':');
        SecretKey key = colon < 0 ? null : keys.get(sealed.substring(0, colon));
        if (key == null) {
            throw new VaultException("A stored secret was sealed with a key that is not configured (key id '"
                                     + (colon < 0 ? "?" : sealed.substring(0, colon))
                                     + "'); add it to POSTSTRIDE_VAULT_RETIRED_KEYS.", null);
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed.substring(colon + 1));
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // The cause names only the failed check (tag mismatch, bad base64), never the data.
            throw new VaultException("A stored secret could not be decrypted (wrong key or wrong context)", e);
        }
    }

    /** Whether a sealed value was written with a key other than the current one. */
    public boolean isSealedWithRetiredKey(String sealed) {
        return sealed != null && !sealed.startsWith(currentKeyId + ":");
    }

    /** A failure of the vault itself; its message is safe to log. */
    public static final class VaultException extends RuntimeException {
        VaultException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
