package dev.poststride.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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

    /** A connected account of a user on a platform (no tokens: enough for tests of posts). */
    public static UUID insertConnection(Connection c, UUID userId, String platform) throws SQLException {
        UUID id = UUID.randomUUID();
        exec(c, "insert into user_platforms (id, user_id, platform_id, account_id, account_name, status, connected_at,"
                + " updated_at) select ?, ?, id, ?, 'Test account', 'active', now(), now() from social_platforms"
                + " where key = ?", id, userId, "acct-" + id, platform);
        return id;
    }

    /** A bare user row, for tests that build their own fixtures in SQL. */
    public static UUID insertUser(Connection c, String email) throws SQLException {
        UUID id = UUID.randomUUID();
        exec(c, "insert into users (id, email, password_hash, timezone, created_at, updated_at)"
                + " values (?, ?, 'x', 'UTC', now(), now())", id, email);
        return id;
    }
}
