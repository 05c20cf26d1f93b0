package dev.poststride.support;

import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * How a test makes one scheduled post due now, without waiting for its time: its due times are moved to a second ago
 * in the database, as the engine would find them once its time came.
 *
 * <p>Why rows and not the clock ({@link MovableClock} moves time everywhere else): the tests that use this also run
 * against the native binary ({@code *IT} extends them), a process of its own whose clock a test cannot move (a
 * clock offset read from a runtime setting would have to exist in the production binary, and the native image has no
 * test-only code); and moving the clock would make every other post scheduled by earlier tests in the same database
 * due as well, so a test would publish what it did not schedule. A helper here is the same in both runs: a native
 * test never skips its time travel.
 */
public final class TimeTravel {

    private TimeTravel() {
    }

    /** The post and its pending targets are due one second ago. */
    public static void makeDue(String postId) throws Exception {
        try (Connection c = Sql.connect()) {
            Timestamp past = Timestamp.from(Instant.now().minusSeconds(1));
            Sql.exec(c, "update posts set scheduled_at = ? where id = ?", past, UUID.fromString(postId));
            Sql.exec(c, "update post_platforms set next_attempt_at = ? where post_id = ? and status = 'pending'",
                     past, UUID.fromString(postId));
        }
    }
}
