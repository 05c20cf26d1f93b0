package dev.poststride.platforms;

import java.time.Duration;
import java.util.List;

/**
 * What a platform module provides, and all the rest of the service knows of a platform: posts, the publishing engine,
 * connections, the dev sandbox and {@code GET /api/platforms} reach platforms only through this. A module is one
 * package, {@code platforms/<key>} (with what Meta's platforms share in {@code platforms/meta}); adding a platform
 * means adding one, plus its catalogue row (a migration) and its documentation page.
 */
public interface PlatformModule {

    /** The platform's key. */
    PlatformKey key();

    /** How accounts are connected: the standard flow first, then any other (Instagram Login). */
    List<PlatformOAuth> connectFlows();

    /** How long before an access token expires the refresh job renews it ({@code platforms.<key>.refresh-ahead}). */
    Duration refreshAhead();

    /** How a target is published. */
    PlatformPublisher publisher();

    /** What a target may carry and what is checked before it is saved or scheduled. */
    PostingRules rules();
}
