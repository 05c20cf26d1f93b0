package dev.poststride.platforms.x;

import dev.poststride.platforms.PlatformApp;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** X's app ({@code platforms.x.*}): the real endpoints by default; 2-hour tokens renewed 15 minutes ahead. */
@ConfigMapping(prefix = "platforms.x")
interface XConfig extends PlatformApp {

    @Override
    @WithDefault("https://api.x.com")
    String apiUrl();

    @Override
    @WithDefault("https://x.com/i/oauth2/authorize")
    String authorizeUrl();

    @Override
    @WithDefault("https://api.x.com/2/oauth2/token")
    String tokenUrl();

    /** How long before an access token expires the refresh job renews it. */
    @WithDefault("15m")
    Duration refreshAhead();
}
