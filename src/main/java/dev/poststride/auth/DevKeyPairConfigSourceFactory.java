package dev.poststride.auth;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * In the dev and test profiles, when no JWT keys are configured, supplies a generated RSA key pair so that a
 * new developer needs no set-up. Dev mode keeps the pair under {@code target/dev-jwt-keys} so tokens survive a
 * live reload. Never active in prod, where {@link JwtKeysStartupCheck} demands configured keys.
 */
public class DevKeyPairConfigSourceFactory implements ConfigSourceFactory {

    static final String VERIFY_KEY = "mp.jwt.verify.publickey";
    static final String VERIFY_KEY_LOCATION = "mp.jwt.verify.publickey.location";
    static final String SIGN_KEY = "smallrye.jwt.sign.key";
    static final String SIGN_KEY_LOCATION = "smallrye.jwt.sign.key.location";

    private static final Path DEV_KEY_DIR = Path.of("target", "dev-jwt-keys");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        boolean dev = profiles.contains("dev");
        if (!dev && !profiles.contains("test")) {
            return List.of();
        }
        if (isSet(context, VERIFY_KEY) || isSet(context, VERIFY_KEY_LOCATION)) {
            return List.of();
        }
        String[] pair = dev ? persistentPair() : generatePair();
        return List.of(new PropertiesConfigSource(Map.of(VERIFY_KEY, pair[0], SIGN_KEY, pair[1]),
                                                  "generated-dev-jwt-keys", 50));
    }

    private static boolean isSet(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }

    private static String[] persistentPair() {
        Path file = DEV_KEY_DIR.resolve("keys.properties");
        try {
            Properties stored = new Properties();
            if (Files.isRegularFile(file)) {
                try (var in = Files.newInputStream(file)) {
                    stored.load(in);
                }
                return new String[] {stored.getProperty("public"), stored.getProperty("private")};
            }
            String[] pair = generatePair();
            stored.setProperty("public", pair[0]);
            stored.setProperty("private", pair[1]);
            Files.createDirectories(DEV_KEY_DIR);
            try (var out = Files.newOutputStream(file)) {
                stored.store(out, "Post Stride dev-mode JWT keys, generated; never use outside dev");
            }
            return pair;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep dev JWT keys in " + DEV_KEY_DIR, e);
        }
    }

    /** Public and private key as base64 DER (X.509 / PKCS#8), the single-line form SmallRye JWT reads. */
    static String[] generatePair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Base64.Encoder base64 = Base64.getEncoder();
            return new String[] {base64.encodeToString(pair.getPublic().getEncoded()),
                                 base64.encodeToString(pair.getPrivate().getEncoded())};
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is missing from this JVM", e);
        }
    }
}
