package dev.poststride.bench;

import dev.poststride.common.Sha256;
import dev.poststride.common.crypto.TokenVault;
import dev.poststride.common.crypto.VaultConfig;
import io.quarkus.elytron.security.common.BcryptUtil;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Seeds the benchmark database with SQL over JDBC: users, connections whose tokens are sealed as the service seals
 * them (the same vault key is handed to the service), media rows and posts with their targets.
 */
final class BenchData implements AutoCloseable {

    static final String PASSWORD = "bench password, not a secret";

    /** A post to seed: its marker goes into the text so the fakes can tell targets apart. */
    record SeedPost(UUID userId, String marker, Instant scheduledAt, String status, List<UUID> connections,
                    List<UUID> media) {
    }

    private final BenchOptions options;
    private Connection db;
    private final TokenVault vault;
    private final Map<String, UUID> platformIds = new HashMap<>();
    private String passwordHash;

    BenchData(BenchOptions options, String vaultKey) throws SQLException {
        this.options = options;
        reconnect();
        vault = new TokenVault(new VaultConfig() {
            @Override
            public Optional<String> key() {
                return Optional.of(vaultKey);
            }

            @Override
            public Optional<List<String>> retiredKeys() {
                return Optional.empty();
            }
        });
    }

    Connection connection() {
        return db;
    }

    /** A new connection, for after the database was restarted under it (scenario 8). */
    void reconnect() throws SQLException {
        if (db != null) {
            db.close();
        }
        db = DriverManager.getConnection(options.jdbcUrl() + "?reWriteBatchedInserts=true", options.dbUser(),
                                         options.dbPassword());
    }

    private UUID platformId(String key) throws SQLException {
        if (platformIds.isEmpty()) {
            try (Statement s = db.createStatement();
                 ResultSet rs = s.executeQuery("select key, id from social_platforms")) {
                while (rs.next()) {
                    platformIds.put(rs.getString(1), rs.getObject(2, UUID.class));
                }
            }
        }
        return platformIds.get(key);
    }

    /**
     * A user who can log in with {@link #PASSWORD}, hashed as the service hashes (bcrypt cost 12 of a prehash), with
     * their personal workspace. The workspace's id is the user's own, so that every row seeded "for a user" below
     * can name it with the same id (the service only ever compares a workspace's id with itself).
     */
    UUID user(String email) throws SQLException {
        if (passwordHash == null) {
            passwordHash = BcryptUtil.bcryptHash(Base64.getEncoder().encodeToString(Sha256.of(PASSWORD)), 12);
        }
        UUID id = UUID.randomUUID();
        try (PreparedStatement s = db.prepareStatement(
                "insert into users (id, email, password_hash, timezone, created_at, updated_at)"
                + " values (?, ?, ?, 'UTC', now(), now())")) {
            s.setObject(1, id);
            s.setString(2, email);
            s.setString(3, passwordHash);
            s.executeUpdate();
        }
        try (PreparedStatement s = db.prepareStatement(
                "insert into workspaces (id, name, personal_of, created_by, created_at, updated_at)"
                + " values (?, 'Bench', ?, ?, now(), now())");
             PreparedStatement m = db.prepareStatement(
                     "insert into workspace_members (workspace_id, user_id, role, created_at)"
                     + " values (?, ?, 'owner', now())")) {
            s.setObject(1, id);
            s.setObject(2, id);
            s.setObject(3, id);
            s.executeUpdate();
            m.setObject(1, id);
            m.setObject(2, id);
            m.executeUpdate();
        }
        return id;
    }

    /** An active connection with a sealed access token that is good for 30 days. */
    UUID connection(UUID userId, String platform, String accountId) throws SQLException {
        UUID id = UUID.randomUUID();
        UUID platformId = platformId(platform);
        String context = "user_platforms/" + userId + "/" + platformId + "/" + accountId + "/access";
        try (PreparedStatement s = db.prepareStatement(
                "insert into user_platforms (id, workspace_id, platform_id, account_id, account_name, status, scopes,"
                + " access_token_ciphertext, token_key_id, token_expires_at, connected_at, updated_at,"
                + " token_owner_id, created_by)"
                + " values (?, ?, ?, ?, ?, 'active', 'bench', ?, ?, ?, now(), now(), ?, ?)")) {
            s.setObject(1, id);
            s.setObject(2, userId);
            s.setObject(3, platformId);
            s.setString(4, accountId);
            s.setString(5, platform + " " + accountId);
            s.setString(6, vault.seal("bench-" + platform + "-token-" + id, context));
            s.setString(7, vault.currentKeyId());
            s.setTimestamp(8, Timestamp.from(Instant.now().plus(30, ChronoUnit.DAYS)));
            s.setObject(9, userId);
            s.setObject(10, userId);
            s.executeUpdate();
        }
        return id;
    }

    /** A JPEG media row (1080x1080), as an upload would have left it. */
    UUID jpeg(UUID userId) throws SQLException {
        UUID id = UUID.randomUUID();
        try (PreparedStatement s = db.prepareStatement(
                "insert into media (id, workspace_id, media_type, mime_type, size_bytes, sha256, original_filename,"
                + " width, height, storage_key, created_at) values (?, ?, 'image', 'image/jpeg', 48213, ?,"
                + " 'photo.jpg', 1080, 1080, ?, now())")) {
            s.setObject(1, id);
            s.setObject(2, userId);
            s.setString(3, Sha256.hex(id.toString()));
            s.setString(4, userId + "/" + id);
            s.executeUpdate();
        }
        return id;
    }

    /** Posts with one target per connection, due (pending) at their time, in batches. */
    void posts(List<SeedPost> posts) throws SQLException {
        db.setAutoCommit(false);
        try (PreparedStatement post = db.prepareStatement(
                "insert into posts (id, workspace_id, content, status, scheduled_at, published_at, created_at,"
                + " updated_at) values (?, ?, ?, ?, ?, ?, now(), now())");
             PreparedStatement target = db.prepareStatement(
                     "insert into post_platforms (id, post_id, user_platform_id, status, attempts, next_attempt_at,"
                     + " platform_post_id, permalink, published_at, position, options, created_at, updated_at)"
                     + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                     // TikTok needs the user's privacy choice (TargetOptions); the others take no options.
                     + " (select case when sp.key = 'tiktok' then '{\"privacy_level\": \"PUBLIC_TO_EVERYONE\"}'"
                     + "  else '{}' end::jsonb from user_platforms up join social_platforms sp on sp.id = up.platform_id"
                     + "  where up.id = ?), now(), now())");
             PreparedStatement media = db.prepareStatement(
                     "insert into post_media (post_id, media_id, position) values (?, ?, ?)")) {
            int n = 0;
            for (SeedPost p : posts) {
                boolean published = p.status().equals("published");
                UUID postId = UUID.randomUUID();
                Timestamp at = Timestamp.from(p.scheduledAt());
                post.setObject(1, postId);
                post.setObject(2, p.userId());
                post.setString(3, "Benchmark post bench:" + p.marker() + " with a few words of text, like a real"
                                  + " one, and a link https://example.com/launch #news");
                post.setString(4, p.status());
                post.setTimestamp(5, at);
                post.setTimestamp(6, published ? at : null);
                post.addBatch();
                for (int i = 0; i < p.connections().size(); i++) {
                    target.setObject(1, UUID.randomUUID());
                    target.setObject(2, postId);
                    target.setObject(3, p.connections().get(i));
                    target.setString(4, published ? "published" : "pending");
                    target.setInt(5, published ? 1 : 0);
                    target.setTimestamp(6, published ? null : at);
                    target.setString(7, published ? "17000000000" + n + i : null);
                    target.setString(8, published ? "https://example.com/p/" + n + "/" + i : null);
                    target.setTimestamp(9, published ? at : null);
                    target.setInt(10, i);
                    target.setObject(11, p.connections().get(i));
                    target.addBatch();
                }
                for (int i = 0; i < p.media().size(); i++) {
                    media.setObject(1, postId);
                    media.setObject(2, p.media().get(i));
                    media.setInt(3, i);
                    media.addBatch();
                }
                if (++n % 1000 == 0) {
                    post.executeBatch();
                    target.executeBatch();
                    media.executeBatch();
                }
            }
            post.executeBatch();
            target.executeBatch();
            media.executeBatch();
            db.commit();
        } finally {
            db.setAutoCommit(true);
        }
    }

    /** The stored state of one target: its platform, the post's bench marker, status, last error, and id. */
    record TargetRow(String platform, String marker, String status, String errorCode, String errorMessage, UUID id) {
    }

    /** Every target of the users' posts, as the service recorded it. */
    List<TargetRow> targetsOf(List<UUID> users) throws SQLException {
        List<TargetRow> rows = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement(
                "select pp.platform, substring(p.content from 'bench:([A-Za-z0-9-]+)'), pp.status, pp.last_error_code,"
                + " pp.last_error_message, pp.id from post_platforms pp join posts p on p.id = pp.post_id"
                + " where p.workspace_id = any (?)")) {
            s.setArray(1, db.createArrayOf("uuid", users.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new TargetRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                           rs.getString(5), rs.getObject(6, UUID.class)));
                }
            }
        }
        return rows;
    }

    /** How many connections of these users' workspaces are no longer active (needs_reauth or revoked). */
    int inactiveConnectionsOf(List<UUID> users) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(
                "select count(*) from user_platforms where workspace_id = any (?) and status <> 'active'")) {
            s.setArray(1, db.createArrayOf("uuid", users.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Removes the posts (and so the targets and attempts) of the given users. */
    void deletePostsOf(List<UUID> users) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("delete from posts where workspace_id = any (?)")) {
            s.setArray(1, db.createArrayOf("uuid", users.toArray()));
            s.executeUpdate();
        }
    }

    /**
     * Grows the tables with other users' rows, as SQL alone: {@code users} users with one X connection each and
     * {@code postsPerUser} posts each, one target per post; every tenth post overdue (its target pending since
     * before the run: the backlog a claim must not sort), the rest published. {@link #cancelGrowthBacklog} ends the
     * backlog before any publisher runs.
     */
    void growOthers(String prefix, int users, int postsPerUser) throws SQLException {
        String platform = platformId("x").toString();
        try (Statement s = db.createStatement()) {
            s.execute("create temporary table if not exists growth_users (id uuid primary key, connection uuid)");
            s.execute("truncate growth_users");
            s.execute("insert into growth_users select gen_random_uuid(), gen_random_uuid()"
                      + " from generate_series(1, " + users + ")");
            s.execute("insert into users (id, email, password_hash, timezone, created_at, updated_at)"
                      + " select id, '" + prefix + "-' || id || '@bench.invalid', 'not-a-hash', 'UTC', now(), now()"
                      + " from growth_users");
            s.execute("insert into workspaces (id, name, personal_of, created_at, updated_at)"
                      + " select id, 'Growth', id, now(), now() from growth_users");
            s.execute("insert into user_platforms (id, workspace_id, token_owner_id, platform_id, account_id, status,"
                      + " connected_at, updated_at) select connection, id, id, '" + platform + "', id::text, 'active',"
                      + " now(), now() from growth_users");
            s.execute("insert into posts (id, workspace_id, content, status, scheduled_at, published_at, created_at,"
                      + " updated_at) select gen_random_uuid(), u.id, 'Another user''s post number ' || g,"
                      + " case when g % 10 = 0 then 'scheduled' else 'published' end,"
                      + " case when g % 10 = 0 then now() - interval '1 hour' - g * interval '1 minute'"
                      + "      else now() - g * interval '1 hour' end,"
                      + " case when g % 10 = 0 then null else now() - g * interval '1 hour' end, now(), now()"
                      + " from growth_users u, generate_series(1, " + postsPerUser + ") g");
            s.execute("insert into post_platforms (id, post_id, user_platform_id, status, attempts, next_attempt_at,"
                      + " published_at, created_at, updated_at)"
                      + " select gen_random_uuid(), p.id, u.connection,"
                      + " case when p.status = 'scheduled' then 'pending' else 'published' end,"
                      + " case when p.status = 'scheduled' then 0 else 1 end,"
                      + " case when p.status = 'scheduled' then p.scheduled_at end, p.published_at, now(), now()"
                      + " from posts p join growth_users u on u.id = p.workspace_id");
        }
        vacuum();
    }

    /** Cancels the overdue targets {@link #growOthers} made, so that no later scenario's publisher takes them. */
    void cancelGrowthBacklog() throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("update post_platforms pp set status = 'cancelled' from posts p where p.id = pp.post_id"
                      + " and pp.status = 'pending' and p.content like 'Another user''s post number %'");
        }
    }

    /**
     * What autovacuum would have done by the time a production table had these rows: statistics, and the
     * visibility map that lets counts read the index alone.
     */
    void vacuum() throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("vacuum analyze");
        }
    }

    /** Whether Flyway has migrated this database already. */
    boolean migrated() throws SQLException {
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("select to_regclass('flyway_schema_history') is not null")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    UUID somePostOf(UUID userId) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("select id from posts where workspace_id = ? limit 1")) {
            s.setObject(1, userId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }

    String serverVersion() throws SQLException {
        return db.getMetaData().getDatabaseProductVersion();
    }

    long count(String table) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Runs {@code EXPLAIN (ANALYZE, BUFFERS)} of a query; its plan as text, and its execution time in ms. */
    record Plan(String text, double executionMs) {
    }

    Plan explain(String sql, Object... params) throws SQLException {
        boolean wasAuto = db.getAutoCommit();
        db.setAutoCommit(false); // a claim query locks rows: explain it inside a transaction that is rolled back
        try (PreparedStatement s = db.prepareStatement("explain (analyze, buffers) " + sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            StringBuilder text = new StringBuilder();
            double ms = Double.NaN;
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String line = rs.getString(1);
                    text.append(line).append('\n');
                    if (line.startsWith("Execution Time:")) {
                        ms = Double.parseDouble(line.replaceAll("[^0-9.]", ""));
                    }
                }
            }
            return new Plan(text.toString(), ms);
        } finally {
            db.rollback();
            db.setAutoCommit(wasAuto);
        }
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
