package dev.poststride.platforms.threads;

import dev.poststride.platforms.PlatformApp;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Threads' app ({@code platforms.threads.*}): the Threads app id and secret of a Meta app with the Threads use case
 * (not its Facebook pair), and the real endpoints by default (platform-apis-more.md 10.1). The long-lived token
 * exchange and the refresh go to {@code access_token} and {@code refresh_access_token} on {@code api-url}'s host,
 * beside its version segment.
 */
@ConfigMapping(prefix = "platforms.threads")
interface ThreadsConfig extends PlatformApp {

    @Override
    @WithDefault("https://graph.threads.net/v1.0")
    String apiUrl();

    @Override
    @WithDefault("https://threads.com/oauth/authorize")
    String authorizeUrl();

    @Override
    @WithDefault("https://graph.threads.net/oauth/access_token")
    String tokenUrl();

    /**
     * How long before its 60-day token expires the refresh job renews it (Threads renews a token at least a day old;
     * one not renewed within 60 days needs the user).
     */
    @WithDefault("7d")
    Duration refreshAhead();
}
