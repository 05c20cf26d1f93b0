package dev.poststride.schema;

import static dev.poststride.support.Sql.exec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poststride.support.Sql;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The migrations' promises, checked in SQL against the real database, not through the ORM. */
@QuarkusTest
class SchemaConstraintsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyPlatformIsSeededWithItsLimits() throws SQLException {
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "select key, text_limit, requires_media from social_platforms order by key")) {
            StringBuilder rows = new StringBuilder();
            while (rs.next()) {
                rows.append(rs.getString(1)).append(':').append(rs.getInt(2)).append(':')
                        .append(rs.getBoolean(3)).append(' ');
            }
            assertThat(rows.toString().trim()).isEqualTo(
                    "facebook:63206:false instagram:2200:true linkedin:3000:false threads:500:false tiktok:2200:true"
                    + " x:280:false");
        }
    }

    @Test
    void deletingAUserRemovesTheirPersonalWorkspaceWithEverythingInIt() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            UUID user = insertUser(c);
            UUID workspace = Sql.personalWorkspace(c, user);
            UUID connection = UUID.randomUUID();
            UUID post = UUID.randomUUID();
            UUID media = UUID.randomUUID();
            UUID session = UUID.randomUUID();
            exec(c, "insert into user_platforms (id, workspace_id, created_by, token_owner_id, platform_id, account_id,"
                    + " status, connected_at, updated_at) select ?, ?, ?, ?, id, 'acct-1', 'active', now(), now()"
                    + " from social_platforms where key = 'x'", connection, workspace, user, workspace);
            exec(c, "insert into posts (id, workspace_id, created_by, content, status, created_at, updated_at)"
                    + " values (?, ?, ?, 'hello', 'draft', now(), now())", post, workspace, user);
            exec(c, "insert into post_platforms (id, post_id, user_platform_id, status, created_at, updated_at)"
                    + " values (?, ?, ?, 'pending', now(), now())", UUID.randomUUID(), post, connection);
            exec(c, "insert into media (id, workspace_id, created_by, media_type, mime_type, size_bytes, sha256,"
                    + " storage_key, created_at)"
                    + " values (?, ?, ?, 'image', 'image/png', 10, repeat('a', 64), 'k', now())",
                 media, workspace, user);
            exec(c, "insert into post_media (post_id, media_id, position) values (?, ?, 0)", post, media);
            exec(c, "insert into auth_sessions (id, user_id, created_at, expires_at) values (?, ?, now(), now())",
                 session, user);
            exec(c, "insert into refresh_tokens (id, session_id, token_hash, issued_at, expires_at)"
                    + " values (?, ?, ?, now(), now())", UUID.randomUUID(), session, UUID.randomUUID().toString()
                    + UUID.randomUUID().toString().substring(0, 28));

            exec(c, "delete from users where id = ?", user);

            assertThat(count(c, "select count(*) from workspaces where id = ?", workspace)).isZero();
            assertThat(count(c, "select count(*) from user_platforms where id = ?", connection)).isZero();
            assertThat(count(c, "select count(*) from posts where id = ?", post)).isZero();
            assertThat(count(c, "select count(*) from post_platforms where post_id = ?", post)).isZero();
            assertThat(count(c, "select count(*) from media where id = ?", media)).isZero();
            assertThat(count(c, "select count(*) from post_media where post_id = ?", post)).isZero();
            assertThat(count(c, "select count(*) from auth_sessions where id = ?", session)).isZero();
            assertThat(count(c, "select count(*) from refresh_tokens where session_id = ?", session)).isZero();
        }
    }

    @Test
    void statusAndKindColumnsRejectUnknownValues() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            UUID user = insertUser(c);
            UUID workspace = Sql.personalWorkspace(c, user);
            assertThatThrownBy(() -> exec(c, "insert into posts (id, workspace_id, content, status, created_at,"
                    + " updated_at) values (?, ?, 'x', 'sent', now(), now())", UUID.randomUUID(), workspace))
                    .hasMessageContaining("posts_status_ck");
            assertThatThrownBy(() -> exec(c, "insert into posts (id, workspace_id, content, status, created_at,"
                    + " updated_at) values (?, ?, 'x', 'scheduled', now(), now())", UUID.randomUUID(), workspace))
                    .hasMessageContaining("posts_scheduled_needs_time_ck");
            assertThatThrownBy(() -> exec(c, "insert into media (id, workspace_id, media_type, mime_type, size_bytes,"
                    + " sha256, storage_key, created_at) values (?, ?, 'spreadsheet', 'x/y', 1, repeat('a', 64), 'k',"
                    + " now())", UUID.randomUUID(), workspace))
                    .hasMessageContaining("media_type_ck");
            assertThatThrownBy(() -> exec(c, "insert into user_platforms (id, workspace_id, token_owner_id,"
                    + " platform_id, account_id, status, connected_at, updated_at)"
                    + " select ?, ?, ?, id, 'a', 'sleeping', now(), now()"
                    + " from social_platforms where key = 'x'", UUID.randomUUID(), workspace, workspace))
                    .hasMessageContaining("user_platforms_status_ck");
            assertThatThrownBy(() -> exec(c, "update workspace_members set role = 'superuser' where user_id = ?", user))
                    .hasMessageContaining("workspace_members_role_ck");
            // Platform keys are no longer a closed list in the schema (issue 24: each module supplies its key, a
            // migration its catalogue row); the catalogue's limits are still checked.
            assertThatThrownBy(() -> exec(c, "insert into social_platforms (id, key, name, text_limit,"
                    + " requires_media, max_images, supports_video, supports_gif, allows_mixed_media,"
                    + " image_mime_types, position) values (?, 'myspace', 'MySpace', 0, false, 1, false, false,"
                    + " false, '', 99)", UUID.randomUUID()))
                    .hasMessageContaining("social_platforms_text_limit_check");
            exec(c, "delete from users where id = ?", user);
        }
    }

    @Test
    void oneConnectionPerWorkspacePlatformAndAccount() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            UUID user = insertUser(c);
            UUID workspace = Sql.personalWorkspace(c, user);
            String insert = "insert into user_platforms (id, workspace_id, token_owner_id, platform_id, account_id,"
                    + " status, connected_at, updated_at) select ?, ?, ?, id, 'same', 'active', now(), now()"
                    + " from social_platforms where key = 'linkedin'";
            exec(c, insert, UUID.randomUUID(), workspace, workspace);
            assertThatThrownBy(() -> exec(c, insert, UUID.randomUUID(), workspace, workspace))
                    .hasMessageContaining("user_platforms_account_uk");
            exec(c, "delete from users where id = ?", user);
        }
    }

    @Test
    void emailsAreUniqueWhateverTheirCase() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            String email = "Case-" + UUID.randomUUID() + "@Example.com";
            UUID user = Sql.insertUser(c, email);
            assertThatThrownBy(() -> Sql.insertUser(c, email.toLowerCase())).hasMessageContaining("users_email_uk");
            exec(c, "delete from users where id = ?", user);
        }
    }

    private static UUID insertUser(Connection c) throws SQLException {
        return Sql.insertUser(c, "schema-" + UUID.randomUUID() + "@example.com");
    }

    private static long count(Connection c, String sql, Object param) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setObject(1, param);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
