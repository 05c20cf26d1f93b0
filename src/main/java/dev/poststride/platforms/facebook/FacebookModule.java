package dev.poststride.platforms.facebook;

import dev.poststride.platforms.AssembledModule;
import dev.poststride.platforms.PlatformKey;
import jakarta.inject.Singleton;
import java.util.List;

/** Facebook Pages: text, photos and videos; first comments. */
@Singleton
public class FacebookModule extends AssembledModule {

    public static final PlatformKey KEY = new PlatformKey("facebook");

    FacebookModule(FacebookOAuth oauth, FacebookPublisher publisher, FacebookRules rules, FacebookConfig config) {
        super(KEY, List.of(oauth), config::refreshAhead, publisher, rules);
    }
}
