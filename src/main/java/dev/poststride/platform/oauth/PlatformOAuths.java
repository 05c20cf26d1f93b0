package dev.poststride.platform.oauth;

import dev.poststride.platforms.PlatformKey;
import dev.poststride.platforms.PlatformModules;
import dev.poststride.platforms.PlatformOAuth;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** The connect flows of each platform: its standard one, and any other a connect request names (Instagram Login). */
@ApplicationScoped
public class PlatformOAuths {

    private final PlatformModules modules;

    PlatformOAuths(PlatformModules modules) {
        this.modules = modules;
    }

    /** The platform's standard flow. */
    public PlatformOAuth of(PlatformKey key) {
        return of(key, null);
    }

    /** The flow a connection stores ({@link PlatformOAuth#flow()}; null for the standard one). */
    public PlatformOAuth of(PlatformKey key, String flow) {
        return modules.of(key).connectFlows().stream()
                .filter(oauth -> flow == null ? oauth.flow() == null : flow.equals(oauth.flow())).findFirst()
                .orElseThrow(() -> new IllegalStateException("No connect flow " + flow + " for " + key));
    }

    /** The flows a connect request may name for {@code key}; empty where the platform has only one. */
    public List<PlatformOAuth> named(PlatformKey key) {
        return modules.of(key).connectFlows().stream().filter(oauth -> oauth.flowName() != null).toList();
    }

    /** The flow a connect request names, or empty when the platform has no flow of that name. */
    public Optional<PlatformOAuth> named(PlatformKey key, String flowName) {
        return named(key).stream().filter(oauth -> oauth.flowName().equals(flowName)).findFirst();
    }
}
