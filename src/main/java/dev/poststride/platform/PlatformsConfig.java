package dev.poststride.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Every platform endpoint and credential is configuration ({@code platforms.<key>.api-url}, env
 * {@code PLATFORMS_X_API_URL} and so on), so tests, staging and the dev sandbox point them at fakes.
 * The real endpoints are the defaults in {@code application.properties}.
 */
@ConfigMapping(prefix = "platforms")
public interface PlatformsConfig {

    Endpoints x();

    Endpoints linkedin();

    InstagramEndpoints instagram();

    Endpoints facebook();

    Endpoints tiktok();

    default Endpoints of(PlatformKey key) {
        return switch (key) {
            case X -> x();
            case LINKEDIN -> linkedin();
            case INSTAGRAM -> instagram();
            case FACEBOOK -> facebook();
            case TIKTOK -> tiktok();
        };
    }

    /** A platform app: its endpoints and credentials. */
    interface App {
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

    interface Endpoints extends App {
        /** How long before an access token expires the refresh job renews it. */
        @WithDefault("PT15M")
        Duration refreshAhead();

        /**
         * LinkedIn only: also ask for {@code w_organization_social rw_organization_admin} and connect every Company
         * Page the member administers (one connection each). Needs the app's Community Management API product,
         * without which LinkedIn refuses those scopes; off by default.
         */
        @WithDefault("false")
        boolean organizations();
    }

    /** Instagram: Facebook Login (the keys of {@link Endpoints}) and Instagram Login ({@code login.*}). */
    interface InstagramEndpoints extends Endpoints {
        /** The Meta app set up for Instagram Login (Business Login for Instagram), a separate app configuration. */
        InstagramLogin login();
    }

    /**
     * Instagram Login's endpoints and app. The long-lived token exchange and the refresh go to {@code access_token}
     * and {@code refresh_access_token} on {@code api-url}'s host, beside its version segment.
     */
    interface InstagramLogin extends App {
    }
}
