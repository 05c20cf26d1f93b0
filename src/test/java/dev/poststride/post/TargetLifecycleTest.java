package dev.poststride.post;

import static dev.poststride.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poststride.post.TargetLifecycle.Change;
import dev.poststride.post.TargetLifecycle.Status;
import dev.poststride.support.Api;
import dev.poststride.support.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Walks {@link TargetLifecycle}'s table exhaustively: every change from every status, made through the code that
 * owns it ({@link TargetStates}, or the API for an edit), must leave the target in a status the table allows, and
 * as it was where the table lists nothing.
 */
@QuarkusTest
class TargetLifecycleTest {

    private static final String OWNER = "lifecycle-owner";
    private static final int MAX_ATTEMPTS = 5;

    @Inject
    TargetStates states;

    @Inject
    TargetClaims claims;

    private record Target(UUID post, UUID id, UUID connection) {
    }

    @Test
    void everyChangeFromEveryStatusEndsAsTheTableSays() throws Exception {
        Api.Account user = Api.register();
        List<String> walked = new ArrayList<>();
        for (Change change : Change.values()) {
            for (Status from : Status.values()) {
                Sql.cancelOpenTargets(); // the engine's claims must find this target only
                Target target = target(user, from);
                Instant now = Instant.now();
                boolean refused = apply(change, target, user, now);
                Set<Status> allowed = TargetLifecycle.next(change, from);
                Status after = status(target);
                String what = change + " from " + from;
                if (allowed.isEmpty()) {
                    assertThat(after).as(what + " changes nothing").isEqualTo(from);
                } else {
                    assertThat(refused).as(what + " is not refused").isFalse();
                    assertThat(allowed).as(what).contains(after);
                    if (change == Change.TAKE_OVER) {
                        try (Connection c = Sql.connect()) { // publishing before and after: the lease moved
                            assertThat(Sql.value(c, "select lease_owner from post_platforms where id = ?",
                                                 target.id())).as(what).isEqualTo("lifecycle-other");
                        }
                    }
                }
                walked.add(what + " -> " + after);
            }
        }
        assertThat(walked).hasSize(Change.values().length * Status.values().length);
    }

    @Test
    void onlyATargetCancelledByADisconnectCanBeRetriedFromCancelled() throws Exception {
        Api.Account user = Api.register();
        Target target = target(user, Status.CANCELLED);
        try (Connection c = Sql.connect()) {
            Sql.exec(c, "update post_platforms set last_error_code = null where id = ?", target.id());
        }
        assertThat(states.retryFailed(target.post(), target.id(), Instant.now())).isZero();
        assertThat(status(target)).isEqualTo(Status.CANCELLED);
    }

    /** A scheduled post with one target on a new connection, put in {@code status} as the engine would leave it. */
    private static Target target(Api.Account user, Status status) throws Exception {
        try (Connection c = Sql.connect()) {
            UUID userId = UUID.fromString(user.userId());
            UUID connection = Sql.insertConnection(c, userId, "x");
            UUID post = Sql.duePosts(c, userId, "lifecycle ", 1, Instant.now().minusSeconds(1), connection).getFirst();
            UUID id = (UUID) Sql.value(c, "select id from post_platforms where post_id = ?", post);
            String postStatus = switch (status) {
                case PENDING -> "scheduled";
                case PUBLISHING -> "publishing";
                case PUBLISHED -> "published";
                case FAILED -> "failed";
                case CANCELLED -> "cancelled";
            };
            Sql.exec(c, "update posts set status = ? where id = ?", postStatus, post);
            Sql.exec(c, "update post_platforms set status = ?, attempts = ?, lease_owner = ?, lease_expires_at = ?,"
                        + " last_error_code = ? where id = ?",
                     status.column, status == Status.PENDING ? 0 : 1,
                     status == Status.PUBLISHING ? OWNER : null,
                     status == Status.PUBLISHING ? java.sql.Timestamp.from(Instant.now().plusSeconds(60)) : null,
                     status == Status.CANCELLED ? TargetStates.CONNECTION_REMOVED
                             : status == Status.FAILED ? "rate_limited" : null, id);
            if (status == Status.PUBLISHING) {
                Sql.exec(c, "insert into publish_attempts (id, post_platform_id, attempt, started_at)"
                            + " values (gen_random_uuid(), ?, 1, now())", id);
            }
            return new Target(post, id, connection);
        }
    }

    /** Makes {@code change} through its owner; true when the owner refused it outright. */
    private boolean apply(Change change, Target target, Api.Account user, Instant now) throws Exception {
        switch (change) {
            case CLAIM -> claims.claim(OWNER, 100, Map.of("x", 100), now, Duration.ofSeconds(60), MAX_ATTEMPTS);
            case TAKE_OVER -> {
                // Not due (so only a take-over could claim it), its lease run out.
                try (Connection c = Sql.connect()) {
                    Sql.exec(c, "update post_platforms set next_attempt_at = now() + interval '1 day',"
                                + " lease_expires_at = case when lease_owner is null then null"
                                + " else now() - interval '1 second' end where id = ?", target.id());
                }
                claims.claim("lifecycle-other", 100, Map.of("x", 100), now, Duration.ofSeconds(60), MAX_ATTEMPTS);
            }
            case COMPLETE -> states.complete(new TargetClaims.Claimed(target.id(), target.post(), 1, "x", false, null),
                                             OWNER, "published", new TargetStates.Completion(
                            PostStatus.TARGET_PUBLISHED, "id-1", "https://x.example/1", null, null, null, null),
                                             now, now);
            case GIVE_UP -> {
                try (Connection c = Sql.connect()) {
                    Sql.exec(c, "update post_platforms set attempts = ?, lease_expires_at = case when lease_owner"
                                + " is null then null else now() - interval '1 second' end where id = ?",
                             MAX_ATTEMPTS, target.id());
                }
                claims.failAbandoned(now, MAX_ATTEMPTS);
            }
            case CANCEL -> states.cancelPending(target.post(), now);
            case CANCEL_FOR_REMOVED_CONNECTION -> {
                try {
                    QuarkusTransaction.requiringNew().call(() -> states.cancelForRemovedConnection(target.connection(),
                                                                                                  now));
                } catch (TargetStates.TargetPublishing publishing) {
                    return true;
                }
            }
            case RETRY -> states.retryFailed(target.post(), target.id(), now);
            case EDIT -> {
                int code = as(user).contentType(ContentType.JSON).body(Map.of(
                        "content", "edited", "targets", List.of(Map.of("connection_id", target.connection())),
                        "scheduled_at", now.plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString()))
                        .put("/api/posts/" + target.post()).statusCode();
                assertThat(code).as("edit answers").isIn(200, 409);
                return code == 409;
            }
        }
        return false;
    }

    private static Status status(Target target) throws Exception {
        try (Connection c = Sql.connect()) {
            return Status.of((String) Sql.value(c, "select status from post_platforms where id = ?", target.id()));
        }
    }
}
