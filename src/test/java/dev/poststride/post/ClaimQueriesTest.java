package dev.poststride.post;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststride.post.TargetClaims.Claimed;
import dev.poststride.support.MovableClock;
import dev.poststride.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's claim: a post's targets are taken together and oldest due first, each platform gets no more than
 * its free slots, and with thousands due the claim walks its index and stops, sorting only what it takes.
 */
@QuarkusTest
class ClaimQueriesTest {

    @Inject
    TargetClaims claims;

    @Inject
    MovableClock clock;

    private UUID user;

    @BeforeEach
    void isolate() throws Exception {
        Sql.cancelOpenTargets();
        try (Connection c = Sql.connect()) {
            user = Sql.insertUser(c, "claims-" + UUID.randomUUID() + "@example.com");
        }
    }

    @AfterEach
    void removeTheirPosts() throws Exception {
        try (Connection c = Sql.connect()) {
            Sql.exec(c, "delete from users where id = ?", user);
        }
    }

    private List<UUID> duePosts(Connection c, int count, Instant due, UUID... connections) throws Exception {
        return Sql.duePosts(c, user, "due ", count, due, connections);
    }

    private List<Claimed> claim(int limit, Map<String, Integer> free) {
        return claims.claim("instance-probe", limit, free, clock.instant(), Duration.ofMinutes(5), 5);
    }

    @Test
    void aPostsTargetsAreClaimedTogetherAndTheOldestDueFirst() throws Exception {
        List<UUID> older;
        List<UUID> newer;
        try (Connection c = Sql.connect()) {
            UUID x1 = Sql.insertConnection(c, user, "x");
            UUID x2 = Sql.insertConnection(c, user, "x");
            UUID linkedin = Sql.insertConnection(c, user, "linkedin");
            Instant now = clock.instant();
            newer = duePosts(c, 20, now.minusSeconds(10), x1, x2, linkedin);
            older = duePosts(c, 2, now.minusSeconds(60), x1, x2, linkedin);
        }
        Map<String, Integer> free = new LinkedHashMap<>();
        free.put("x", 4);
        free.put("linkedin", 2);

        List<Claimed> claimed = claim(6, free);

        // Two posts, each whole: both X accounts and LinkedIn — and the two that were due first.
        assertThat(claimed).hasSize(6);
        Map<UUID, Long> perPost = claimed.stream()
                .collect(Collectors.groupingBy(Claimed::postId, Collectors.counting()));
        assertThat(perPost).containsOnlyKeys(older.toArray(UUID[]::new))
                .allSatisfy((post, n) -> assertThat(n).isEqualTo(3));
        assertThat(claimed.stream().filter(t -> t.platform().equals("x"))).hasSize(4);
        assertThat(newer).doesNotContainAnyElementsOf(perPost.keySet());
    }

    @Test
    void eachPlatformGetsNoMoreThanItsFreeSlots() throws Exception {
        try (Connection c = Sql.connect()) {
            UUID x = Sql.insertConnection(c, user, "x");
            UUID tiktok = Sql.insertConnection(c, user, "tiktok");
            duePosts(c, 10, clock.instant().minusSeconds(5), x, tiktok);
        }
        Map<String, Integer> free = new LinkedHashMap<>();
        free.put("x", 1);
        free.put("tiktok", 3);
        free.put("linkedin", 0);

        List<Claimed> claimed = claim(16, free);

        assertThat(claimed.stream().collect(Collectors.groupingBy(Claimed::platform, Collectors.counting())))
                .containsExactlyInAnyOrderEntriesOf(Map.of("x", 1L, "tiktok", 3L));
    }

    @Test
    void withThousandsDueTheClaimWalksTheIndexAndSortsNothing() throws Exception {
        try (Connection c = Sql.connect()) {
            UUID x = Sql.insertConnection(c, user, "x");
            UUID facebook = Sql.insertConnection(c, user, "facebook");
            duePosts(c, 3000, clock.instant().minusSeconds(30), x, facebook);
            Sql.exec(c, "analyze post_platforms");
            Sql.exec(c, "analyze posts");
            String sql = TargetClaims.claimDueSql().replace("?1", "'instance-plan'")
                    .replace("?2", "now() + interval '5 minutes'").replace("?3", "now()").replace("?4", "8")
                    .replace("?5", "'x'");
            StringBuilder plan = new StringBuilder();
            c.setAutoCommit(false);
            try (PreparedStatement explain = c.prepareStatement("explain (analyze, costs off) " + sql);
                 ResultSet rs = explain.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            } finally {
                c.rollback();
            }
            // The platform's part reads its 8 rows from the index and stops; only those 8 are then ordered.
            assertThat(plan.toString()).doesNotContain("Seq Scan on post_platforms");
            assertThat(plan.toString().lines()
                               .filter(l -> l.contains("Index Scan using post_platforms_pending_due_idx")))
                    .as(plan.toString()).singleElement().asString().contains("rows=8 ");
        }
    }
}
