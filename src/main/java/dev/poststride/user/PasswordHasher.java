package dev.poststride.user;

import dev.poststride.common.Sha256;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Base64;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Salted bcrypt hashes. bcrypt reads only the first 72 bytes of its input, so the password is first
 * reduced to a SHA-256 digest (44 base64 characters): every character of a long passphrase counts.
 */
@ApplicationScoped
public class PasswordHasher {

    private final int cost;
    /** A hash of a random password, checked when the email is unknown so both paths cost the same time. */
    private final String decoyHash;

    PasswordHasher(@ConfigProperty(name = "poststride.password.bcrypt-cost", defaultValue = "12") int cost) {
        this.cost = cost;
        this.decoyHash = BcryptUtil.bcryptHash(UUID.randomUUID().toString(), cost);
    }

    public String hash(String password) {
        return BcryptUtil.bcryptHash(prehash(password), cost);
    }

    public boolean matches(String password, String hash) {
        return BcryptUtil.matches(prehash(password), hash);
    }

    /** Spends the time of one verification without any stored hash. */
    public void verifyDecoy(String password) {
        BcryptUtil.matches(prehash(password), decoyHash);
    }

    private static String prehash(String password) {
        return Base64.getEncoder().encodeToString(Sha256.of(password));
    }
}
