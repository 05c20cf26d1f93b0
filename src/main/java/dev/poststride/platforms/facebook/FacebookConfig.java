package dev.poststride.platforms.facebook;

import dev.poststride.platforms.PlatformApp;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Facebook's app ({@code platforms.facebook.*}): Graph v25.0 by default; Page tokens never expire. */
@ConfigMapping(prefix = "platforms.facebook")
interface FacebookConfig extends PlatformApp {

    @Override
    @WithDefault("https://graph.facebook.com/v25.0")
    String apiUrl();

    @Override
    @WithDefault("https://www.facebook.com/v25.0/dialog/oauth")
    String authorizeUrl();

    @Override
    @WithDefault("https://graph.facebook.com/v25.0/oauth/access_token")
    String tokenUrl();

    /** How long before an expiring token the refresh job renews it (Page tokens do not expire). */
    @WithDefault("15m")
    Duration refreshAhead();
}
