package dev.poststride.platform.oauth;

import dev.poststride.platform.PlatformKey;
import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The OAuth implementation of each platform and connect flow. */
@ApplicationScoped
public class PlatformOAuths {

    private final Map<String, PlatformOAuth> byFlow = new HashMap<>();

    PlatformOAuths(@All List<PlatformOAuth> all) {
        all.forEach(oauth -> byFlow.put(name(oauth.platform(), oauth.flow()), oauth));
        for (PlatformKey key : PlatformKey.values()) {
            if (!byFlow.containsKey(name(key, null))) {
                throw new IllegalStateException("No OAuth implementation for " + key);
            }
        }
    }

    /** The platform's standard flow. */
    public PlatformOAuth of(PlatformKey key) {
        return of(key, null);
    }

    /** The flow a connection stores ({@code ConnectFlow#stored()}; null for the standard one). */
    public PlatformOAuth of(PlatformKey key, String flow) {
        PlatformOAuth oauth = byFlow.get(name(key, flow));
        if (oauth == null) {
            throw new IllegalStateException("No OAuth implementation for " + key + " flow " + flow);
        }
        return oauth;
    }

    private static String name(PlatformKey key, String flow) {
        return flow == null ? key.name() : key.name() + "/" + flow;
    }
}
