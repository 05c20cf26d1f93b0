package dev.poststride.retention;

import static dev.poststride.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poststride.support.Api;
import dev.poststride.support.MovableClock;
import dev.poststride.support.Sql;
import dev.poststride.support.TestEnvironment;
import dev.poststride.support.TestFiles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the retention job removes, and only once it is old enough; time is moved with the tests' clock. */
@QuarkusTest
class RetentionJobTest {

    @Inject
    RetentionJob job;

    @Inject
    MovableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void attemptsGoAfter180DaysWhileTheirTargetKeepsItsOutcome() throws Exception {
        Api.Account user = Api.register();
        UUID target = scheduledTarget(user);
        UUID attempt = UUID.randomUUID();
        try (Connection c = Sql.connect()) {
            Sql.exec(c, "insert into publish_attempts (id, post_platform_id, attempt, started_at, finished_at,"
                        + " outcome, error_code, message, duration_ms) values (?, ?, 1, now(), now(), 'transient',"
                        + " 'http_503', 'X answered 503', 10)", attempt, target);
        }
        clock.advance(Duration.ofDays(179));
        job.run();
        assertThat(count("select count(*) from publish_attempts where id = ?", attempt)).isEqualTo(1);

        clock.advance(Duration.ofDays(2));
        assertThat(job.run()).containsKey("publish_attempts");
        assertThat(count("select count(*) from publish_attempts where id = ?", attempt)).isZero();
        assertThat(count("select count(*) from post_platforms where id = ?", target)).isEqualTo(1);
    }

    @Test
    void moreThanOneBatchIsPrunedInOneRunEachBatchItsOwnShortStatement() throws Exception {
        Api.Account user = Api.register();
        UUID target = scheduledTarget(user);
        int rows = 2 * RetentionJob.BATCH + 345;
        try (Connection c = Sql.connect()) {
            Sql.exec(c, "insert into publish_attempts (id, post_platform_id, attempt, started_at, finished_at, outcome)"
                        + " select gen_random_uuid(), ?, n, now() - interval '200 days', now() - interval '200 days',"
                        + " 'transient' from generate_series(1, ?) n", target, rows);
        }
        assertThat(job.run().get("publish_attempts")).isGreaterThanOrEqualTo(rows);
        assertThat(count("select count(*) from publish_attempts where post_platform_id = ?", target)).isZero();
    }

    @Test
    void endedSessionsGoAfter30DaysAndLiveOnesStay() throws Exception {
        Api.Account leaving = Api.register();
        as(leaving).post("/api/auth/logout").then().statusCode(204);
        clock.advance(Duration.ofDays(29));
        Api.Account staying = Api.register();
        job.run();
        assertThat(sessions(leaving)).isEqualTo(1);

        clock.advance(Duration.ofDays(2));
        job.run();
        assertThat(sessions(leaving)).isZero();
        assertThat(sessions(staying)).isEqualTo(1);
    }

    @Test
    void storedBytesThatNoMediaRefersToArePrunedOnceOldAndRealMediaStays() throws Exception {
        Api.Account user = Api.register();
        String kept = as(user).multiPart("file", "kept.png", TestFiles.png(4, 4), "image/png").post("/api/media")
                .then().statusCode(201).extract().path("id");
        Path userDir = TestEnvironment.MEDIA_DIR.resolve(user.workspaceId());
        Path orphan = userDir.resolve(UUID.randomUUID().toString());
        Path partial = userDir.resolve(".partial-" + UUID.randomUUID());
        Files.write(orphan, TestFiles.png(3, 3));
        Files.write(partial, new byte[] {1, 2, 3});

        job.run();
        assertThat(orphan).exists();
        assertThat(partial).exists();

        clock.advance(Duration.ofMinutes(61));
        Map<String, Integer> pruned = job.run();
        assertThat(pruned.get("orphaned_media_files")).isGreaterThanOrEqualTo(1);
        assertThat(orphan).doesNotExist();
        assertThat(partial).doesNotExist();
        assertThat(userDir.resolve(kept)).exists();
        as(user).get("/api/media/" + kept + "/content").then().statusCode(200);
    }

    private static UUID scheduledTarget(Api.Account user) throws Exception {
        UUID connection;
        try (Connection c = Sql.connect()) {
            connection = Sql.insertConnection(c, UUID.fromString(user.userId()), "x");
        }
        String target = as(user).contentType(ContentType.JSON).body(Map.of(
                        "content", "kept", "scheduled_at", Instant.now().plus(300, ChronoUnit.DAYS).toString(),
                        "targets", List.of(Map.of("connection_id", connection.toString()))))
                .post("/api/posts").then().statusCode(201).extract().path("targets[0].id");
        return UUID.fromString(target);
    }

    private static int sessions(Api.Account account) throws Exception {
        return count("select count(*) from auth_sessions where user_id = ?", UUID.fromString(account.userId()));
    }

    private static int count(String sql, UUID id) throws Exception {
        try (Connection c = Sql.connect()) {
            return ((Number) Sql.value(c, sql, id)).intValue();
        }
    }
}
