package dev.poststride.common;

import static dev.poststride.support.Api.as;
import static dev.poststride.support.Api.problem;
import static org.hamcrest.Matchers.equalTo;

import dev.poststride.support.Api;
import dev.poststride.support.MovableClock;
import dev.poststride.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A request whose instance crashed mid-way leaves its Idempotency-Key in progress. The retry is told to wait (409)
 * only while the first could still be running; after that it takes the key over and runs, instead of being refused
 * for a day.
 */
@QuarkusTest
class IdempotencyKeysTest {

    @Inject
    MovableClock clock;

    @AfterEach
    void putTimeBack() {
        clock.reset();
    }

    @Test
    void aKeyLeftInProgressByACrashIsTakenOverOnceItIsOlderThanARequestCanRun() throws Exception {
        Api.Account user = Api.register();
        String key = "crash-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("content", "After the crash");
        String lost = as(user).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/posts").then().statusCode(201).extract().path("id");
        try (Connection c = Sql.connect()) {
            // What a crash between the claim of the key and the commit leaves: the key in progress, no post.
            Sql.exec(c, "update idempotency_keys set status = 'in_progress', response_status = null,"
                        + " response_body = null where idempotency_key = ?", key);
            Sql.exec(c, "delete from posts where id = ?", UUID.fromString(lost));
        }

        problem(as(user).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                        .post("/api/posts").then(), 409);
        clock.advance(Duration.ofMinutes(3));
        String id = as(user).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/posts").then().statusCode(201).extract().path("id");

        as(user).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body).post("/api/posts").then()
                .statusCode(201).body("id", equalTo(id));
        as(user).get("/api/posts").then().body("total_items", equalTo(1));
    }
}
