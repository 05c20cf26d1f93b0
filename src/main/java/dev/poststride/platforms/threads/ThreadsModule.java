package dev.poststride.platforms.threads;

import dev.poststride.platforms.AssembledModule;
import dev.poststride.platforms.PlatformKey;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Threads profiles, connected with Threads' own OAuth: text posts, images, videos and carousels, reply chains for a
 * thread, a first comment as a reply (platform-apis-more.md 10).
 */
@Singleton
public class ThreadsModule extends AssembledModule {

    public static final PlatformKey KEY = new PlatformKey("threads");

    ThreadsModule(ThreadsOAuth oauth, ThreadsPublisher publisher, ThreadsRules rules, ThreadsConfig config) {
        super(KEY, List.of(oauth), config::refreshAhead, publisher, rules);
    }
}
