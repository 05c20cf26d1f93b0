package dev.poststride.platforms.tiktok;

import dev.poststride.platforms.AssembledModule;
import dev.poststride.platforms.PlatformKey;
import jakarta.inject.Singleton;
import java.util.List;

/** TikTok: videos and photo posts by Direct Post, with the creator's choices. */
@Singleton
public class TikTokModule extends AssembledModule {

    public static final PlatformKey KEY = new PlatformKey("tiktok");

    TikTokModule(TikTokOAuth oauth, TikTokPublisher publisher, TikTokRules rules, TikTokConfig config) {
        super(KEY, List.of(oauth), config::refreshAhead, publisher, rules);
    }
}
