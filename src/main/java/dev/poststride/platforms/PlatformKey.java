package dev.poststride.platforms;

import java.util.Locale;

/**
 * A platform's key, as the API, the configuration ({@code platforms.<key>.*}) and the database use it. Each platform
 * module declares its own ({@link PlatformModule#key()}); nothing outside the module names it.
 */
public record PlatformKey(String key) {

    public PlatformKey {
        if (key == null || !key.matches("[a-z][a-z0-9-]{0,19}")) {
            throw new IllegalArgumentException("A platform key is 1 to 20 lower-case letters, digits or '-'");
        }
    }

    /** The upper-case form environment variables use: {@code PLATFORMS_<this>_CLIENT_ID}. */
    public String envName() {
        return key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    @Override
    public String toString() {
        return key;
    }
}
