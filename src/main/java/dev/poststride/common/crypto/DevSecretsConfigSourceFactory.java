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
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * In dev and test, when no vault key is configured, supplies a generated one so a new developer needs no set-up.
 * Dev mode keeps it in {@code target/dev-vault-key} so connections made in the sandbox stay readable after a
 * restart. Never active in prod, where {@link TokenVault} refuses to start without a configured key.
 */
public class DevVaultKeyConfigSourceFactory implements ConfigSourceFactory {

    static final String KEY = "poststride.vault.key";
    private static final Path DEV_KEY_FILE = Path.of("target", "dev-vault-key");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        boolean dev = profiles.contains("dev");
        if (!dev && !profiles.contains("test")) {
            return List.of();
        }
        ConfigValue configured = context.getValue(KEY);
        if (configured != null && configured.getValue() != null && !configured.getValue().isBlank()) {
            return List.of();
        }
        String key = dev ? persistentKey() : generateKey("test");
        return List.of(new PropertiesConfigSource(Map.of(KEY, key), "generated-dev-vault-key", 50));
    }

    private static String persistentKey() {
        try {
            if (Files.isRegularFile(DEV_KEY_FILE)) {
                return Files.readString(DEV_KEY_FILE).trim();
            }
            String key = generateKey("dev");
            Files.createDirectories(DEV_KEY_FILE.getParent());
            Files.writeString(DEV_KEY_FILE, key);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the dev vault key in " + DEV_KEY_FILE, e);
        }
    }

    static String generateKey(String id) {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return id + ":" + Base64.getEncoder().encodeToString(raw);
    }
}
