package dev.poststride.common.crypto;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * In dev and test, supplies generated secret keys where none are configured — the token vault key and the media
 * URL signing key — so a new developer needs no set-up. Dev mode keeps them under {@code target/} so sandbox
 * connections and signed URLs survive a restart. Never active in prod, where start-up fails without them.
 */
public class DevSecretsConfigSourceFactory implements ConfigSourceFactory {

    static final String VAULT_KEY = "poststride.vault.key";
    static final String SIGNING_KEY = "poststride.media.signing-key";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        boolean dev = profiles.contains("dev");
        if (!dev && !profiles.contains("test")) {
            return List.of();
        }
        Map<String, String> generated = new HashMap<>();
        if (!isSet(context, VAULT_KEY)) {
            generated.put(VAULT_KEY, dev ? persistent("dev-vault-key", () -> generateKey("dev")) : generateKey("test"));
        }
        if (!isSet(context, SIGNING_KEY)) {
            generated.put(SIGNING_KEY, dev ? persistent("dev-media-signing-key", () -> randomBase64())
                    : randomBase64());
        }
        return generated.isEmpty() ? List.of()
                : List.of(new PropertiesConfigSource(generated, "generated-dev-secrets", 50));
    }

    private static boolean isSet(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }

    private static String persistent(String fileName, Supplier<String> generate) {
        Path file = Path.of("target", fileName);
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file).trim();
            }
            String key = generate.get();
            Files.createDirectories(file.getParent());
            Files.writeString(file, key);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep a dev key in " + file, e);
        }
    }

    private static String randomBase64() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    static String generateKey(String id) {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return id + ":" + Base64.getEncoder().encodeToString(raw);
    }
}
