package dev.poststride.platforms.linkedin;

import dev.poststride.platforms.AssembledModule;
import dev.poststride.platforms.PlatformKey;
import jakarta.inject.Singleton;
import java.util.List;

/** LinkedIn: members and Company Pages; text, images, videos and documents; first comments. */
@Singleton
public class LinkedInModule extends AssembledModule {

    public static final PlatformKey KEY = new PlatformKey("linkedin");

    LinkedInModule(LinkedInOAuth oauth, LinkedInPublisher publisher, LinkedInRules rules, LinkedInConfig config) {
        super(KEY, List.of(oauth), config::refreshAhead, publisher, rules);
    }
}
