package dev.poststride.platform;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The ways of connecting an account where a platform has more than one. Instagram: through Facebook Login (a
 * professional account linked to a Facebook Page; the standard flow) or Instagram Login (any professional account,
 * on {@code graph.instagram.com}). A connection stores {@link #stored()}: null for the standard flow, so rows made
 * before flows existed keep their meaning.
 */
public enum ConnectFlow {
    FACEBOOK_LOGIN(PlatformKey.INSTAGRAM, "facebook_login", true),
    INSTAGRAM_LOGIN(PlatformKey.INSTAGRAM, "instagram_login", false);

    private final PlatformKey platform;
    private final String key;
    private final boolean standard;

    ConnectFlow(PlatformKey platform, String key, boolean standard) {
        this.platform = platform;
        this.key = key;
        this.standard = standard;
    }

    public String key() {
        return key;
    }

    /** What a connection or a pending connect flow stores: null for the platform's standard flow. */
    public String stored() {
        return standard ? null : key;
    }

    /** The environment prefix of a stored flow's settings: {@code PLATFORMS_INSTAGRAM_LOGIN} for Instagram Login. */
    public static String settingsPrefix(PlatformKey platform, String stored) {
        return "PLATFORMS_" + platform.name() + (INSTAGRAM_LOGIN.stored().equals(stored) ? "_LOGIN" : "");
    }

    /** The flows a connect request may name for {@code platform}; empty where the platform has only one. */
    public static List<ConnectFlow> of(PlatformKey platform) {
        return Arrays.stream(values()).filter(f -> f.platform == platform).toList();
    }

    /** The flow a connect request names, or empty when {@code platform} has no flow of that name. */
    public static Optional<ConnectFlow> find(PlatformKey platform, String key) {
        return of(platform).stream().filter(f -> f.key.equals(key)).findFirst();
    }

    /** The flow a stored value means for {@code platform}: its standard flow for null, empty if it has none. */
    public static Optional<ConnectFlow> ofStored(PlatformKey platform, String stored) {
        return of(platform).stream().filter(f -> stored == null ? f.standard : f.key.equals(stored)).findFirst();
    }
}
