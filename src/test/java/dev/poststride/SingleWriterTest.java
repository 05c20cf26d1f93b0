package dev.poststride;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One owner per state (STYLE.md 13): scans {@code src/main/java} for the places that write a status or touch the
 * post tables, and fails on any outside their owner.
 */
class SingleWriterTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final String POSTS = "dev/poststride/post/";

    @Test
    void onlyTheLifecycleOwnersUpdateThePostTablesInSql() throws IOException {
        assertThat(filesMatching(Pattern.compile("(?i)update\\s+posts\\b"))).containsExactly(POSTS + "PostStates.java");
        assertThat(filesMatching(Pattern.compile("(?i)update\\s+post_platforms\\b")))
                .containsExactlyInAnyOrder(POSTS + "TargetClaims.java", POSTS + "TargetStates.java");
        // The work kit writes the table its owner names: only the claims name the targets' table.
        assertThat(filesMatching(Pattern.compile("new\\s+(LeasedRows|RowLease)\\(\\s*\"(posts|post_platforms)\"")))
                .containsExactly(POSTS + "TargetClaims.java");
    }

    @Test
    void noFeatureButPostsReadsOrWritesThePostTables() throws IOException {
        Set<String> outside = new TreeSet<>();
        for (String file : filesMatching(Pattern.compile("(?i)\\b(from|join|into|update)\\s+(posts|post_platforms|"
                                                         + "post_media)\\b"))) {
            if (!file.startsWith(POSTS)) {
                outside.add(file);
            }
        }
        assertThat(outside).isEmpty();
    }

    @Test
    void aConnectionsStatusIsWrittenOnlyByConnectionStates() throws IOException {
        assertThat(filesMatching(Pattern.compile("(?i)update\\s+user_platforms\\s+set[^;\"]*\\bstatus\\s*="))).isEmpty();
        Set<String> writers = new TreeSet<>();
        for (String file : filesMatching(Pattern.compile("\\.status\\s*=[^=]"))) {
            if (file.startsWith("dev/poststride/platform/")) {
                writers.add(file);
            }
        }
        assertThat(writers).containsExactly("dev/poststride/platform/ConnectionStates.java");
    }

    @Test
    void aConnectionsTokensAreSealedAndOpenedOnlyByConnectionTokens() throws IOException {
        // What a sealed token is bound to is written once; whoever seals or opens one needs it.
        assertThat(filesMatching(Pattern.compile("\"user_platforms/\"")))
                .containsExactly("dev/poststride/platform/ConnectionTokens.java");
        assertThat(filesMatching(Pattern.compile("\\.(access|refresh)TokenCiphertext\\s*=[^=]")))
                .containsExactly("dev/poststride/platform/ConnectionTokens.java");
    }

    @Test
    void aPostsStatusIsWrittenOnlyByPostStates() throws IOException {
        assertThat(filesMatching(Pattern.compile("\\bpost\\.status\\s*=[^=]")))
                .containsExactly(POSTS + "PostStates.java");
        // A target's entity status is set only by an edit (its targets start over); the rest is SQL, above.
        assertThat(filesMatching(Pattern.compile("\\btarget\\.status\\s*=[^=]")))
                .containsExactly(POSTS + "PostWriter.java");
    }

    private static Set<String> filesMatching(Pattern pattern) throws IOException {
        Set<String> files = new TreeSet<>();
        try (Stream<Path> all = Files.walk(SOURCES)) {
            for (Path file : all.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (pattern.matcher(Files.readString(file)).find()) {
                    files.add(SOURCES.relativize(file).toString().replace('\\', '/'));
                }
            }
        }
        return files;
    }
}
