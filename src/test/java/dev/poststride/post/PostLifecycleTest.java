package dev.poststride.post;

import static dev.poststride.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststride.post.PostLifecycle.Change;
import dev.poststride.post.PostLifecycle.Status;
import dev.poststride.support.Api;
import dev.poststride.support.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Timestamp;
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
 * Walks {@link PostLifecycle}'s table exhaustively: every change from every status, made through the code that owns
 * it (the API for a person's changes, {@link TargetClaims} and {@link TargetStates} for the engine's), must leave the
 * post in a status the table allows, and as it was where the table lists nothing.
 */
@QuarkusTest
class PostLifecycleTest {

    private static final String OWNER = "post-lifecycle-owner";
    private static final int MAX_ATTEMPTS = 5;

    @Inject
    TargetStates states;

    @Inject
    TargetClaims claims;

    /** A post with two targets, each on its own connection. */
    private record Fixture(UUID post, UUID first, UUID second, UUID firstConnection, UUID secondConnection) {
    }

    @Test
    void everyChangeFromEveryStatusEndsAsTheTableSays() throws Exception {
        Api.Account user = Api.register();
        List<String> walked = new ArrayList<>();
        for (Change change : Change.values()) {
            if (change == Change.CREATE) {
                continue; // from no status: aNewPostStartsAsTheTableSays
            }
            for (Status from : Status.values()) {
                Sql.cancelOpenTargets(); // the engine's claims must find this post's targets only
                Fixture post = post(user, from);
                boolean refused = apply(change, post, user, Instant.now());
                Set<Status> allowed = PostLifecycle.next(change, from);
                Status after = status(post);
                String what = change + " from " + from;
                if (allowed.isEmpty()) {
                    assertThat(after).as(what + " changes nothing").isEqualTo(from);
                } else {
                    assertThat(refused).as(what + " is not refused").isFalse();
                    assertThat(allowed).as(what).contains(after);
                }
                walked.add(what + " -> " + after);
            }
        }
        assertThat(walked).hasSize((Change.values().length - 1) * Status.values().length);
    }

    @Test
    void aNewPostStartsAsTheTableSays() throws Exception {
        Api.Account user = Api.register();
        UUID connection;
        try (Connection c = Sql.connect()) {
            connection = Sql.insertConnection(c, UUID.fromString(user.userId()), "x");
        }
        String tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        for (Map<String, Object> body : List.of(
                Map.<String, Object>of("content", "a draft", "status", "draft",
                                       "targets", List.of(Map.of("connection_id", connection))),
                Map.<String, Object>of("content", "scheduled", "scheduled_at", tomorrow,
                                       "targets", List.of(Map.of("connection_id", connection))))) {
            String status = as(user).contentType(ContentType.JSON).body(body).post("/api/posts")
                    .then().statusCode(201).extract().path("status");
            assertThat(PostLifecycle.created()).contains(Status.of(status));
        }
    }

    @Test
    void aChangeTheTableDoesNotListIsRefusedOnTheEntity() {
        Post post = new Post();
        post.status = PostStatus.PUBLISHED;
        PostStates writer = new PostStates(null);
        assertThatThrownBy(() -> writer.set(post, Change.EDIT, PostStatus.SCHEDULED))
                .hasMessageContaining("cannot become scheduled");
        assertThat(post.status).isEqualTo(PostStatus.PUBLISHED);
        post.status = null;
        assertThatThrownBy(() -> writer.set(post, Change.EDIT, PostStatus.DRAFT))
                .hasMessageContaining("cannot become draft");
    }

    /**
     * A post in {@code status}, with two targets as the engine would leave them for it (the first publishing under
     * this test's lease where the post is publishing; the first failed where it is partially published).
     */
    private static Fixture post(Api.Account user, Status status) throws Exception {
        String[] targets = switch (status) {
            case DRAFT, PENDING_APPROVAL, SCHEDULED -> new String[] {"pending", "pending"};
            case PUBLISHING -> new String[] {"publishing", "pending"};
            case PUBLISHED -> new String[] {"published", "published"};
            case PARTIALLY_PUBLISHED -> new String[] {"failed", "published"};
            case FAILED -> new String[] {"failed", "failed"};
            case CANCELLED -> new String[] {"cancelled", "cancelled"};
        };
        try (Connection c = Sql.connect()) {
            UUID userId = UUID.fromString(user.userId());
            UUID firstConnection = Sql.insertConnection(c, userId, "x");
            UUID secondConnection = Sql.insertConnection(c, userId, "x");
            UUID post = Sql.duePosts(c, userId, "post lifecycle ", 1, Instant.now().minusSeconds(1), firstConnection,
                                     secondConnection).getFirst();
            Sql.exec(c, "update posts set status = ? where id = ?", status.column, post);
            UUID first = (UUID) Sql.value(c, "select id from post_platforms where post_id = ? and user_platform_id = ?",
                                          post, firstConnection);
            UUID second = (UUID) Sql.value(c, "select id from post_platforms where post_id = ?"
                                              + " and user_platform_id = ?", post, secondConnection);
            UUID[] ids = {first, second};
            for (int i = 0; i < 2; i++) {
                boolean publishing = targets[i].equals("publishing");
                Sql.exec(c, "update post_platforms set status = ?, attempts = ?, lease_owner = ?,"
                            + " lease_expires_at = ?, last_error_code = ?,"
                            + " published_at = case when ? = 'published' then now() end where id = ?",
                         targets[i], targets[i].equals("pending") ? 0 : 1, publishing ? OWNER : null,
                         publishing ? Timestamp.from(Instant.now().plusSeconds(60)) : null,
                         targets[i].equals("cancelled") ? TargetStates.CONNECTION_REMOVED
                                 : targets[i].equals("failed") ? "rate_limited" : null, targets[i], ids[i]);
                if (publishing) {
                    Sql.exec(c, "insert into publish_attempts (id, post_platform_id, attempt, started_at)"
                                + " values (gen_random_uuid(), ?, 1, now())", ids[i]);
                }
            }
            return new Fixture(post, first, second, firstConnection, secondConnection);
        }
    }

    /** Makes {@code change} through its owner; true when the owner refused it outright. */
    private boolean apply(Change change, Fixture post, Api.Account user, Instant now) throws Exception {
        switch (change) {
            case CREATE -> throw new IllegalArgumentException("a new post has no status to walk from");
            case EDIT -> {
                return refused(as(user).contentType(ContentType.JSON).body(Map.of(
                        "content", "edited", "targets", List.of(Map.of("connection_id", post.firstConnection())),
                        "scheduled_at", now.plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString()))
                                       .put("/api/posts/" + post.post()).statusCode(), 200);
            }
            case APPROVE -> {
                return refused(as(user).post("/api/posts/" + post.post() + "/approve").statusCode(), 200);
            }
            case REJECT -> {
                return refused(as(user).contentType(ContentType.JSON).body(Map.of("comment", "not yet"))
                                       .post("/api/posts/" + post.post() + "/reject").statusCode(), 200);
            }
            case CANCEL -> {
                return refused(as(user).post("/api/posts/" + post.post() + "/cancel").statusCode(), 200);
            }
            case RETRY -> {
                return refused(as(user).post("/api/posts/" + post.post() + "/targets/" + post.first() + "/retry")
                                       .statusCode(), 202);
            }
            case CLAIM -> claims.claim(OWNER, 100, Map.of("x", 100), now, Duration.ofSeconds(60), MAX_ATTEMPTS);
            case COMPLETE -> states.complete(new TargetClaims.Claimed(post.first(), post.post(), 1, "x", false, null),
                                             OWNER, "published", new TargetStates.Completion(
                            PostStatus.TARGET_PUBLISHED, "id-1", "https://x.example/1", null, null, null, null),
                                             now, now);
            case GIVE_UP -> {
                try (Connection c = Sql.connect()) {
                    Sql.exec(c, "update post_platforms set attempts = ?, lease_expires_at = case when lease_owner"
                                + " is null then null else now() - interval '1 second' end where post_id = ?",
                             MAX_ATTEMPTS, post.post());
                }
                claims.failAbandoned(now, MAX_ATTEMPTS);
            }
            case DISCONNECT -> {
                try {
                    QuarkusTransaction.requiringNew().call(
                            () -> states.cancelForRemovedConnection(post.secondConnection(), now));
                } catch (TargetStates.TargetPublishing publishing) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether an API answer refused the change (a 409); any other answer than {@code ok} fails the walk. */
    private static boolean refused(int code, int ok) {
        assertThat(code).as("the change answers").isIn(ok, 409);
        return code == 409;
    }

    private static Status status(Fixture post) throws Exception {
        try (Connection c = Sql.connect()) {
            return Status.of((String) Sql.value(c, "select status from posts where id = ?", post.post()));
        }
    }
}
