package dev.poststride.bench;

import dev.poststride.bench.BenchData.SeedPost;
import dev.poststride.bench.BenchData.TargetRow;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Seeded users with an X, LinkedIn and Facebook connection each, the text posts of the fault scenarios (8 and 9)
 * spread over a window, and the wait until all their targets are final.
 */
final class TextAccounts {

    static final List<String> PLATFORMS = List.of("x", "linkedin", "facebook");
    private static final Set<String> FINAL = Set.of("published", "failed", "cancelled");

    final List<UUID> users = new ArrayList<>();
    private final List<Map<String, UUID>> accounts = new ArrayList<>();
    private final BenchData data;

    private TextAccounts(BenchData data) {
        this.data = data;
    }

    /** {@code count} users named {@code name-i@bench.invalid}, platform account ids {@code idPrefix + 100000 + i}. */
    static TextAccounts create(BenchData data, String name, int count, String idPrefix) throws SQLException {
        TextAccounts created = new TextAccounts(data);
        for (int i = 0; i < count; i++) {
            UUID user = data.user(name + "-" + i + "@bench.invalid");
            created.users.add(user);
            Map<String, UUID> connections = new HashMap<>();
            for (String platform : PLATFORMS) {
                connections.put(platform, data.connection(user, platform, idPrefix + (100000 + i)));
            }
            connections.put("user", user);
            created.accounts.add(connections);
        }
        return created;
    }

    /** Posts to all three platforms of random accounts, due at random moments of the window; the targets made. */
    int seedPosts(String marker, Instant start, Duration window, int wanted, Random random) throws SQLException {
        List<SeedPost> posts = new ArrayList<>();
        int targets = 0;
        for (int n = 0; targets < wanted; n++) {
            Map<String, UUID> account = accounts.get(random.nextInt(accounts.size()));
            Instant due = start.plusMillis((long) (random.nextDouble() * window.toMillis()));
            posts.add(new SeedPost(account.get("user"), marker + n, due, "scheduled",
                                   PLATFORMS.stream().map(account::get).toList(), List.of()));
            targets += PLATFORMS.size();
        }
        data.posts(posts);
        return targets;
    }

    /** The targets once all are final, or as they are at {@code deadline}. */
    List<TargetRow> drain(Instant deadline) throws SQLException, InterruptedException {
        List<TargetRow> rows;
        do {
            Thread.sleep(1000);
            rows = data.targetsOf(users);
        } while (rows.stream().anyMatch(r -> !FINAL.contains(r.status())) && Instant.now().isBefore(deadline));
        return rows;
    }
}
