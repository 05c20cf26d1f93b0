package dev.poststride.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/** Plain JDBC for tests that check what the database itself enforces, below the ORM. */
public final class Sql {

    private Sql() {
    }

    public static void exec(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.executeUpdate();
        }
    }

    /** A bare user row, for tests that build their own fixtures in SQL. */
    public static UUID insertUser(Connection c, String email) throws SQLException {
        UUID id = UUID.randomUUID();
        exec(c, "insert into users (id, email, password_hash, timezone, created_at, updated_at)"
                + " values (?, ?, 'x', 'UTC', now(), now())", id, email);
        return id;
    }
}
