package dev.poststride.platform.oauth;

import dev.poststride.platform.PlatformKey;
import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The OAuth implementation of each platform. */
@ApplicationScoped
public class PlatformOAuths {

    private final Map<PlatformKey, PlatformOAuth> byPlatform = new EnumMap<>(PlatformKey.class);

    PlatformOAuths(@All List<PlatformOAuth> all) {
        all.forEach(oauth -> byPlatform.put(oauth.platform(), oauth));
        for (PlatformKey key : PlatformKey.values()) {
            if (!byPlatform.containsKey(key)) {
                throw new IllegalStateException("No OAuth implementation for " + key);
            }
        }
    }

    public PlatformOAuth of(PlatformKey key) {
        return byPlatform.get(key);
    }
}
