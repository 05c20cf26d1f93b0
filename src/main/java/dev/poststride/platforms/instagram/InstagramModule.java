package dev.poststride.platforms.instagram;

import dev.poststride.platforms.AssembledModule;
import dev.poststride.platforms.PlatformKey;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Instagram professional accounts, connected through Facebook Login or Instagram Login: feed posts,
 * carousels, reels and stories; first comments.
 */
@Singleton
public class InstagramModule extends AssembledModule {

    public static final PlatformKey KEY = new PlatformKey("instagram");

    InstagramModule(InstagramOAuth facebookLogin, InstagramLoginOAuth instagramLogin, InstagramPublisher publisher,
                    InstagramRules rules, InstagramConfig config) {
        super(KEY, List.of(facebookLogin, instagramLogin), config::refreshAhead, publisher, rules);
    }
}
