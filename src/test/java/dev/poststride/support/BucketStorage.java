package dev.poststride.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The service with its media in a bucket of {@link S3Server}: parts of 5 MiB (S3's minimum), videos up to 7 MiB, and
 * a verified-domain base URL for platforms that pull from one. (Settings that TestEnvironment also makes are not
 * overridden here: in the packaged-binary runs its value would win.)
 */
public class BucketStorage implements QuarkusTestProfile {

    public static final int PART = 5 * 1024 * 1024;
    public static final int MAX_VIDEO = 7 * 1024 * 1024;
    public static final String PULL_BASE = "https://media.poststride.test";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("poststride.media.s3.part-size", Integer.toString(PART),
                      "poststride.media.max-video-bytes", Integer.toString(MAX_VIDEO),
                      "poststride.media.pull-base-url", PULL_BASE);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(S3Server.class));
    }
}
