package dev.poststride.platforms;

import java.util.List;

/**
 * A platform's fake, in the platform's HTTP shapes (its module's {@code <Name>Fake}): the one definition the dev
 * sandbox serves under {@code /sandbox/<prefix>} and the benchmark's fake server under {@code /<prefix>}. It keeps
 * what it was sent in a {@link FakeWorld}, so look-ups (a timeline, a container's status) answer truthfully.
 * Compiled into dev and test builds only (beans under {@link SandboxFakes#ENABLED}).
 */
public interface PlatformFake {

    /** The first path segments it answers under: its key, and more where a platform has two hosts. */
    List<String> prefixes();

    /** The answer to {@code request} under {@code prefix}; null when this fake has none (served as a 404). */
    FakeAnswer answer(String prefix, FakeRequest request, FakeWorld world);
}
