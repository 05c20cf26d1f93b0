package dev.poststride.platforms;

import java.util.Optional;

/**
 * A platform app as configured ({@code platforms.<key>.*}, env {@code PLATFORMS_<KEY>_*}): its endpoints, whose
 * defaults are the real ones (each module's configuration), and its credentials, which a deployment sets.
 */
public interface PlatformApp {

    /** Base URL of the platform's REST API (for Meta including the Graph version, e.g. {@code /v25.0}). */
    String apiUrl();

    /** Where the browser goes to grant access. */
    String authorizeUrl();

    /** Where an authorization code or a refresh token is exchanged for tokens. */
    String tokenUrl();

    /** The app's client id (TikTok calls it client key); a platform without one cannot be connected. */
    Optional<String> clientId();

    Optional<String> clientSecret();
}
