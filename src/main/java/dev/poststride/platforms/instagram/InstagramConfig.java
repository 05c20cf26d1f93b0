package dev.poststride.platforms.instagram;

import dev.poststride.platforms.PlatformApp;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Instagram's apps: Facebook Login ({@code platforms.instagram.*}, the standard flow) and Instagram Login
 * ({@code platforms.instagram.login.*}, a separate Meta app configuration for professional accounts without a Page).
 */
@ConfigMapping(prefix = "platforms.instagram")
interface InstagramConfig extends PlatformApp {

    @Override
    @WithDefault("https://graph.facebook.com/v25.0")
    String apiUrl();

    @Override
    @WithDefault("https://www.facebook.com/v25.0/dialog/oauth")
    String authorizeUrl();

    @Override
    @WithDefault("https://graph.facebook.com/v25.0/oauth/access_token")
    String tokenUrl();

    /**
     * How long before a token expires the refresh job renews it: Instagram Login's 60-day tokens, and Facebook Login
     * connections still holding a user token.
     */
    @WithDefault("7d")
    Duration refreshAhead();

    Login login();

    /**
     * Instagram Login's endpoints and app. The long-lived token exchange and the refresh go to {@code access_token}
     * and {@code refresh_access_token} on {@code api-url}'s host, beside its version segment.
     */
    interface Login extends PlatformApp {

        @Override
        @WithDefault("https://graph.instagram.com/v25.0")
        String apiUrl();

        @Override
        @WithDefault("https://www.instagram.com/oauth/authorize")
        String authorizeUrl();

        @Override
        @WithDefault("https://api.instagram.com/oauth/access_token")
        String tokenUrl();
    }
}
