package dev.poststride.platforms.tiktok;

import dev.poststride.platforms.PlatformApp;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** TikTok's app ({@code platforms.tiktok.*}; TikTok calls the client id a client key): renewed 30 minutes ahead. */
@ConfigMapping(prefix = "platforms.tiktok")
interface TikTokConfig extends PlatformApp {

    @Override
    @WithDefault("https://open.tiktokapis.com")
    String apiUrl();

    @Override
    @WithDefault("https://www.tiktok.com/v2/auth/authorize/")
    String authorizeUrl();

    @Override
    @WithDefault("https://open.tiktokapis.com/v2/oauth/token/")
    String tokenUrl();

    /** How long before an access token expires the refresh job renews it. */
    @WithDefault("30m")
    Duration refreshAhead();
}
