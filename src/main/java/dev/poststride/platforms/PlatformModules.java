package dev.poststride.platforms;

import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The platform modules of this build, by key. */
@ApplicationScoped
public class PlatformModules {

    private final Map<String, PlatformModule> byKey = new LinkedHashMap<>();

    PlatformModules(@All List<PlatformModule> modules) {
        modules.stream().sorted(Comparator.comparing(m -> m.key().key())).forEach(module -> {
            if (byKey.put(module.key().key(), module) != null) {
                throw new IllegalStateException("Two platform modules declare the key " + module.key());
            }
        });
    }

    /** Every module, by key. */
    public List<PlatformModule> all() {
        return List.copyOf(byKey.values());
    }

    public Optional<PlatformModule> find(String key) {
        return Optional.ofNullable(key == null ? null : byKey.get(key));
    }

    /** The module of a key this build knows (a stored connection's); throws for any other. */
    public PlatformModule of(PlatformKey key) {
        return find(key.key()).orElseThrow(() -> new IllegalStateException("No platform module for " + key));
    }

    /** The key of a known platform, or empty. */
    public Optional<PlatformKey> key(String key) {
        return find(key).map(PlatformModule::key);
    }
}
