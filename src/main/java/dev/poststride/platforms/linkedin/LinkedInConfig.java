package dev.poststride.platforms.linkedin;

import dev.poststride.platforms.PlatformApp;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** LinkedIn's app ({@code platforms.linkedin.*}): the real endpoints by default; 60-day tokens renewed 7 days ahead. */
@ConfigMapping(prefix = "platforms.linkedin")
interface LinkedInConfig extends PlatformApp {

    /**
     * The {@code LinkedIn-Version} of the versioned REST API (monthly versions live about a year), under the key it
     * has always had ({@code POSTSTRIDE_PUBLISHING_LINKEDIN_VERSION}), outside this mapping's prefix.
     */
    String VERSION = "poststride.publishing.linkedin-version";
    String DEFAULT_VERSION = "202606";

    @Override
    @WithDefault("https://api.linkedin.com")
    String apiUrl();

    @Override
    @WithDefault("https://www.linkedin.com/oauth/v2/authorization")
    String authorizeUrl();

    @Override
    @WithDefault("https://www.linkedin.com/oauth/v2/accessToken")
    String tokenUrl();

    /** How long before an access token expires the refresh job renews it (partner apps with refresh tokens). */
    @WithDefault("7d")
    Duration refreshAhead();

    /**
     * Also ask for {@code w_organization_social rw_organization_admin} and connect every Company Page the member
     * administers (one connection each). Needs the app's Community Management API product, without which LinkedIn
     * refuses those scopes; off by default.
     */
    @WithDefault("false")
    boolean organizations();
}
