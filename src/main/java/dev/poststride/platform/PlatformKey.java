package dev.poststride.platform;

import java.util.Arrays;
import java.util.Optional;

/** The five supported platforms, by the key the API and configuration use. */
public enum PlatformKey {
    X("x"), LINKEDIN("linkedin"), INSTAGRAM("instagram"), FACEBOOK("facebook"), TIKTOK("tiktok");

    private final String key;

    PlatformKey(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<PlatformKey> fromKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
    }
}
