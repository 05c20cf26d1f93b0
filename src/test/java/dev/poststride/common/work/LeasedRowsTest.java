package dev.poststride.common.work;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststride.support.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The work kit's leased rows on a table of their own, the shape new leased work takes (metrics snapshots, recurring
 * posts): a claim never takes a row another claim holds, a lease that ran out is taken over, and the old holder's
 * fenced writes, renewals and releases no longer touch it.
 */
@QuarkusTest
class LeasedRowsTest {

    private static final LeasedRows JOBS = new LeasedRows("work_kit_jobs", "running");
    private static final String CLAIM = JOBS.claim("""
            select id from work_kit_jobs where status = 'waiting' and due_at <= ?3
            order by due_at limit ?4 for update skip locked""", "t.due_at");
    private static final String TAKE_OVER = JOBS.takeOver("""
            select id from work_kit_jobs where status = 'running' and lease_expires_at < ?3
            limit ?4 for update skip locked""", "");

    @Inject
    EntityManager em;

    @BeforeEach
    void table() throws Exception {
        try (Connection c = Sql.connect()) {
            Sql.exec(c, "drop table if exists work_kit_jobs");
            Sql.exec(c, "create table work_kit_jobs (id uuid primary key, status text not null, lease_owner text,"
                        + " lease_expires_at timestamptz, attempts int not null default 0, updated_at timestamptz,"
                        + " due_at timestamptz not null, result text)");
            for (int i = 0; i < 10; i++) {
                Sql.exec(c, "insert into work_kit_jobs (id, status, due_at) values (gen_random_uuid(), 'waiting',"
                            + " now() - interval '1 minute' * ?)", i);
            }
        }
    }

    @AfterEach
    void dropTable() throws Exception {
        try (Connection c = Sql.connect()) {
            Sql.exec(c, "drop table if exists work_kit_jobs");
        }
    }

    @Test
    void aClaimNeverTakesWhatAnotherClaimHolds() throws Exception {
        Instant now = Instant.now();
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<List<UUID>> first = CompletableFuture.supplyAsync(
                () -> QuarkusTransaction.requiringNew().call(() -> {
                    List<UUID> ids = ids(claim("instance-a", 4, now));
                    claimed.countDown();
                    commit.await(10, TimeUnit.SECONDS);
                    return ids;
                }));
        assertThat(claimed.await(10, TimeUnit.SECONDS)).isTrue();
        // The first claim's rows are locked and not yet committed: the second skips them, waiting for nothing.
        List<UUID> second = QuarkusTransaction.requiringNew().call(() -> ids(claim("instance-b", 10, now)));
        commit.countDown();
        List<UUID> firstIds = first.get(10, TimeUnit.SECONDS);

        assertThat(firstIds).hasSize(4);
        assertThat(second).hasSize(6).doesNotContainAnyElementsOf(firstIds);
        try (Connection c = Sql.connect()) {
            assertThat(Sql.value(c, "select count(*) from work_kit_jobs where status = 'running' and attempts = 1"))
                    .isEqualTo(10L);
        }
    }

    @Test
    void aLeaseThatRanOutIsTakenOverAndTheOldHolderIsFencedOut() throws Exception {
        Instant now = Instant.now();
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> claim("instance-a", 2, now));
        UUID lost = (UUID) rows.get(0)[0];
        UUID kept = (UUID) rows.get(1)[0];
        assertThat(((Number) rows.get(0)[1]).intValue()).isEqualTo(1);
        assertThat(rows.get(0)[2]).as("the claim returns the columns asked for").isNotNull();
        try (Connection c = Sql.connect()) {
            Sql.exec(c, "update work_kit_jobs set lease_expires_at = now() - interval '1 second' where id = ?", lost);
        }

        List<Object[]> taken = QuarkusTransaction.requiringNew().call(() -> rows(
                em.createNativeQuery(TAKE_OVER).setParameter(1, "instance-b")
                        .setParameter(2, Timestamp.from(now.plusSeconds(60))).setParameter(3, Timestamp.from(now))
                        .setParameter(4, 10)));
        assertThat(taken).hasSize(1);
        assertThat(taken.get(0)[0]).isEqualTo(lost);
        assertThat(((Number) taken.get(0)[1]).intValue()).as("a new attempt").isEqualTo(2);

        assertThat(finish(lost, "instance-a", 1)).as("the old holder's write").isZero();
        Map<UUID, Integer> renewed = QuarkusTransaction.requiringNew().call(
                () -> JOBS.renew(em, "instance-a", Set.of(lost, kept), now.plusSeconds(120), now));
        assertThat(renewed).as("the old holder renews only what it still holds").containsOnlyKeys(kept);
        assertThat(QuarkusTransaction.requiringNew().call(
                () -> JOBS.expireAt(em, lost, "instance-a", 1, now))).isFalse();
        assertThat(finish(lost, "instance-b", 2)).as("the new holder's write").isEqualTo(1);
        try (Connection c = Sql.connect()) {
            assertThat(Sql.value(c, "select result from work_kit_jobs where id = ?", lost)).isEqualTo("instance-b");
        }
    }

    @Test
    void aReleaseEndsTheOwnersOtherLeasesAtOnce() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<UUID> held = QuarkusTransaction.requiringNew().call(() -> ids(claim("instance-a", 3, now)));
        QuarkusTransaction.requiringNew().run(() -> ids(claim("instance-b", 2, now)));

        int released = QuarkusTransaction.requiringNew().call(
                () -> JOBS.release(em, "instance-a", Set.of(held.get(0)), now));

        assertThat(released).isEqualTo(2);
        try (Connection c = Sql.connect()) {
            Set<Object> endedNow = new HashSet<>();
            for (UUID id : held.subList(1, 3)) {
                endedNow.add(Sql.value(c, "select lease_expires_at <= ? from work_kit_jobs where id = ?",
                                       Timestamp.from(now), id));
            }
            assertThat(endedNow).containsExactly(true);
            assertThat(Sql.value(c, "select count(*) from work_kit_jobs where lease_owner = 'instance-b'"
                                    + " and lease_expires_at > ?", Timestamp.from(now)))
                    .as("another owner's leases stay").isEqualTo(2L);
        }
    }

    private List<Object[]> claim(String owner, int limit, Instant now) {
        return rows(em.createNativeQuery(CLAIM).setParameter(1, owner)
                            .setParameter(2, Timestamp.from(now.plusSeconds(60))).setParameter(3, Timestamp.from(now))
                            .setParameter(4, limit));
    }

    private int finish(UUID id, String owner, int attempt) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "update work_kit_jobs set status = 'done', result = ?2, lease_owner = null where id = ?1 and "
                        + JOBS.fence(2, 3))
                .setParameter(1, id).setParameter(2, owner).setParameter(3, attempt).executeUpdate());
    }

    private static List<UUID> ids(List<Object[]> rows) {
        return rows.stream().map(r -> (UUID) r[0]).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(jakarta.persistence.Query query) {
        return query.getResultList();
    }
}
