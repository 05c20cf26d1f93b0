package dev.poststride.platforms.x;

import dev.poststride.platforms.AssembledModule;
import dev.poststride.platforms.PlatformKey;
import jakarta.inject.Singleton;
import java.util.List;

/** X: posts and threads with images, GIFs and videos; first comments as replies. */
@Singleton
public class XModule extends AssembledModule {

    public static final PlatformKey KEY = new PlatformKey("x");

    XModule(XOAuth oauth, XPublisher publisher, XRules rules, XConfig config) {
        super(KEY, List.of(oauth), config::refreshAhead, publisher, rules);
    }
}
