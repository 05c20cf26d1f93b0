package dev.poststride.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Plain JDBC for tests that check what the database itself enforces, below the ORM. */
public final class Sql {

    private Sql() {
    }

    /**
     * A connection to the test database straight from the test JVM, for tests that also run against the packaged
     * binary (where no datasource can be injected).
     */
    public static Connection connect() throws SQLException {
        String url = System.getenv("POSTSTRIDE_TEST_DB_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("POSTSTRIDE_TEST_DB_URL is not set; run the tests with scripts/test.sh");
        }
        return DriverManager.getConnection(url, System.getenv().getOrDefault("POSTSTRIDE_DB_USER", "poststride"),
                                           System.getenv().getOrDefault("POSTSTRIDE_DB_PASSWORD", "poststride"));
    }

    /** The first column of the first row, or null. */
    public static Object value(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (var rows = statement.executeQuery()) {
                return rows.next() ? rows.getObject(1) : null;
            }
        }
    }

    public static void exec(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.executeUpdate();
        }
    }

    /**
     * Waits until another session waits on a lock {@code holder} holds (a request racing it reached the row), instead
     * of sleeping and hoping; fails after ten seconds.
     */
    public static void awaitSomeoneBlockedBy(Connection holder) throws SQLException, InterruptedException {
        Object pid = value(holder, "select pg_backend_pid()");
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        try (Connection observer = connect()) {
            while (((Number) value(observer, "select count(*) from pg_stat_activity"
                                             + " where ? = any(pg_blocking_pids(pid))", pid)).intValue() == 0) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("nothing waited on the lock held by backend " + pid + " within 10 s");
                }
                Thread.sleep(10);
            }
        }
    }

    /**
     * Runs {@code task} with the calling thread's context class loader. Rest-assured builds a Jackson mapper for a
     * request body through that loader; a pool thread's is the JVM's, where Jackson's modules are another class.
     */
    public static <T> java.util.function.Supplier<T> withCallersClassLoader(java.util.function.Supplier<T> task) {
        ClassLoader caller = Thread.currentThread().getContextClassLoader();
        return () -> {
            Thread thread = Thread.currentThread();
            ClassLoader before = thread.getContextClassLoader();
            thread.setContextClassLoader(caller);
            try {
                return task.get();
            } finally {
                thread.setContextClassLoader(before);
            }
        };
    }

    /**
     * Cancels every pending or publishing target left by earlier tests, so that this test's publish cycles take only
     * its own work.
     */
    public static void cancelOpenTargets() throws SQLException {
        try (Connection c = connect()) {
            exec(c, "update post_platforms set status = 'cancelled' where status in ('pending', 'publishing')");
        }
    }

    /**
     * Ends every webhook delivery still waiting or being sent, for a test that counts what its own endpoint receives:
     * deliveries left by earlier tests (other test JVMs seal their endpoints' secrets with other vault keys) would
     * otherwise be attempted by the instance under test.
     */
    public static void retireOpenDeliveries() throws SQLException {
        try (Connection c = connect()) {
            exec(c, "update webhook_deliveries set status = 'failed', lease_owner = null, lease_expires_at = null"
                    + " where status in ('pending', 'sending')");
        }
    }

    /**
     * {@code count} scheduled posts of a user due at {@code due}, texts {@code text + i}, each with a pending target on
     * every connection, in one transaction of two batches; the post ids in creation order.
     */
    public static List<UUID> duePosts(Connection c, UUID userId, String text, int count, Instant due,
                                      UUID... connections) throws SQLException {
        List<UUID> posts = new ArrayList<>();
        c.setAutoCommit(false);
        try (PreparedStatement post = c.prepareStatement(
                "insert into posts (id, workspace_id, created_by, content, status, scheduled_at, created_at,"
                + " updated_at) select ?, w.id, w.personal_of, ?, 'scheduled', ?, now(), now() from workspaces w"
                + " where w.personal_of = ?");
             PreparedStatement target = c.prepareStatement(
                     "insert into post_platforms (id, post_id, user_platform_id, status, next_attempt_at, created_at,"
                     + " updated_at) values (?, ?, ?, 'pending', ?, now(), now())")) {
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                posts.add(id);
                post.setObject(1, id);
                post.setString(2, text + i);
                post.setTimestamp(3, Timestamp.from(due));
                post.setObject(4, userId);
                post.addBatch();
                for (UUID connection : connections) {
                    target.setObject(1, UUID.randomUUID());
                    target.setObject(2, id);
                    target.setObject(3, connection);
                    target.setTimestamp(4, Timestamp.from(due));
                    target.addBatch();
                }
            }
            post.executeBatch();
            target.executeBatch();
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
        return posts;
    }

    /** A connection (without tokens) in the user's personal workspace: enough for tests of posts. */
    public static UUID insertConnection(Connection c, UUID userId, String platform) throws SQLException {
        UUID id = UUID.randomUUID();
        exec(c, "insert into user_platforms (id, workspace_id, created_by, token_owner_id, platform_id, account_id,"
                + " account_name, status, connected_at, updated_at) select ?, w.id, w.personal_of, w.id, p.id, ?,"
                + " 'Test account', 'active', now(), now() from social_platforms p, workspaces w"
                + " where p.key = ? and w.personal_of = ?", id, "acct-" + id, platform, userId);
        return id;
    }

    /** A connection (without tokens) in a workspace, made by {@code createdBy}. */
    public static UUID insertConnection(Connection c, UUID workspace, UUID createdBy, String platform)
            throws SQLException {
        UUID id = UUID.randomUUID();
        exec(c, "insert into user_platforms (id, workspace_id, created_by, token_owner_id, platform_id, account_id,"
                + " account_name, status, connected_at, updated_at) select ?, ?, ?, ?, p.id, ?, 'Test account',"
                + " 'active', now(), now() from social_platforms p where p.key = ?",
             id, workspace, createdBy, workspace, "acct-" + id, platform);
        return id;
    }

    /** A bare user row with its personal workspace, for tests that build their own fixtures in SQL. */
    public static UUID insertUser(Connection c, String email) throws SQLException {
        UUID id = UUID.randomUUID();
        exec(c, "insert into users (id, email, password_hash, timezone, created_at, updated_at)"
                + " values (?, ?, 'x', 'UTC', now(), now())", id, email);
        UUID workspace = UUID.randomUUID();
        exec(c, "insert into workspaces (id, name, personal_of, created_by, created_at, updated_at)"
                + " values (?, 'Personal', ?, ?, now(), now())", workspace, id, id);
        exec(c, "insert into workspace_members (workspace_id, user_id, role, created_at) values (?, ?, 'owner', now())",
             workspace, id);
        return id;
    }

    /** The user's personal workspace. */
    public static UUID personalWorkspace(Connection c, UUID userId) throws SQLException {
        return (UUID) value(c, "select id from workspaces where personal_of = ?", userId);
    }
}
