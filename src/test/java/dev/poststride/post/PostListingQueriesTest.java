package dev.poststride.post;

import static dev.poststride.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.poststride.support.Api;
import dev.poststride.support.Sql;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The post list costs a fixed number of database round trips, whatever the page size (no query per post): the
 * session check and one statement for the page with its total, targets and media. Counted as connection
 * acquisitions of the pool, since each of those reads runs one statement on a connection of its own.
 */
@QuarkusTest
class PostListingQueriesTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aPageOfOneAndAPageOfAHundredCostTheSameNumberOfStatements() throws Exception {
        Api.Account user = Api.register();
        UUID userId = UUID.fromString(user.userId());
        UUID workspace = UUID.fromString(user.workspaceId());
        try (Connection c = Sql.connect()) {
            UUID x = Sql.insertConnection(c, userId, "x");
            UUID linkedin = Sql.insertConnection(c, userId, "linkedin");
            UUID image = UUID.randomUUID();
            Sql.exec(c, "insert into media (id, workspace_id, media_type, mime_type, size_bytes, sha256, storage_key,"
                        + " created_at) values (?, ?, 'image', 'image/jpeg', 10, repeat('a', 64), 'k', now())",
                     image, workspace);
            for (int i = 0; i < 100; i++) {
                UUID post = UUID.randomUUID();
                Sql.exec(c, "insert into posts (id, workspace_id, content, status, scheduled_at, created_at,"
                            + " updated_at) values (?, ?, 'post', 'scheduled', now() + (? || ' hours')::interval,"
                            + " now(), now())", post, workspace, Integer.toString(i + 1));
                for (UUID connection : new UUID[] {x, linkedin}) {
                    Sql.exec(c, "insert into post_platforms (id, post_id, user_platform_id, status, created_at,"
                                + " updated_at) values (?, ?, ?, 'pending', now(), now())",
                             UUID.randomUUID(), post, connection);
                }
                Sql.exec(c, "insert into post_media (post_id, media_id, position) values (?, ?, 0)", post, image);
            }
        }

        long one = statementsFor(user, 1);
        long hundred = statementsFor(user, 100);

        assertThat(hundred).isEqualTo(one);
        assertThat(one).isEqualTo(2L); // the session (and workspace role) check of the token, and the page
    }

    @Test
    void aPagePastTheEndStillCountsTheTotal() {
        Api.Account user = Api.register();
        for (int i = 0; i < 3; i++) {
            as(user).contentType("application/json").body("{\"content\":\"draft " + i + "\"}").post("/api/posts")
                    .then().statusCode(201);
        }
        as(user).get("/api/posts?page=5&size=1").then().statusCode(200).body("items", hasSize(0))
                .body("total_items", equalTo(3)).body("total_pages", equalTo(3));
        as(Api.register()).get("/api/posts").then().statusCode(200).body("items", hasSize(0))
                .body("total_items", equalTo(0));
    }

    /**
     * The fewest acquisitions of three identical requests: the pool also serves the service's background work (the
     * dispatcher's poll, the clock sync), which can only add to one request's count, never take from it.
     */
    private long statementsFor(Api.Account user, int size) {
        long fewest = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 3; attempt++) {
            long before = dataSource.getMetrics().acquireCount();
            as(user).get("/api/posts?size=" + size).then().statusCode(200)
                    .body("items", hasSize(size)).body("total_items", equalTo(100))
                    .body("items[0].targets", hasSize(2)).body("items[0].media", hasSize(1));
            fewest = Math.min(fewest, dataSource.getMetrics().acquireCount() - before);
        }
        return fewest;
    }
}
