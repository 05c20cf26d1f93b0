package dev.poststride.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststride.support.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * V10 moves what each user owned into their personal workspace: a schema of its own in the test database is migrated
 * to V9 (the schema before workspaces), filled as the previous release filled it, then migrated to the latest
 * version; every row is still there, in its owner's personal workspace, byte for byte (sealed tokens included).
 */
class WorkspaceMigrationTest {

    private final ScratchSchema scratch = new ScratchSchema("wsmig");

    @AfterEach
    void dropSchema() throws Exception {
        scratch.drop();
    }

    @Test
    void everyUsersPostsMediaConnectionsAndKeysLandInTheirPersonalWorkspace() throws Exception {
        scratch.flyway("9").migrate();
        UUID ada = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID adaConnection = UUID.randomUUID();
        UUID adaPost = UUID.randomUUID();
        UUID adaMedia = UUID.randomUUID();
        UUID bobPost = UUID.randomUUID();
        try (Connection c = Sql.connect()) {
            Sql.exec(c, "set search_path to " + scratch.name);
            for (UUID user : List.of(ada, bob)) {
                Sql.exec(c, "insert into users (id, email, username, password_hash, timezone, created_at, updated_at)"
                            + " values (?, ?, ?, 'argon2', 'Europe/Paris', now() - interval '1 year', now())",
                         user, user + "@example.com", user.equals(ada) ? "ada" : null);
            }
            Sql.exec(c, "insert into user_platforms (id, user_id, platform_id, account_id, account_name, status,"
                        + " access_token_ciphertext, refresh_token_ciphertext, token_key_id, connected_at,"
                        + " updated_at) select ?, ?, id, '42', 'Ada on X', 'active', 'v1:sealed-access',"
                        + " 'v1:sealed-refresh', 'v1', now(), now() from social_platforms where key = 'x'",
                     adaConnection, ada);
            Sql.exec(c, "insert into media (id, user_id, media_type, mime_type, size_bytes, sha256, storage_key,"
                        + " created_at) values (?, ?, 'image', 'image/png', 10, repeat('b', 64), ?, now())",
                     adaMedia, ada, ada + "/" + adaMedia);
            Sql.exec(c, "insert into posts (id, user_id, content, status, scheduled_at, created_at, updated_at)"
                        + " values (?, ?, 'launch day', 'scheduled', now() + interval '1 day', now(), now())",
                     adaPost, ada);
            Sql.exec(c, "insert into post_platforms (id, post_id, user_platform_id, status, next_attempt_at,"
                        + " created_at, updated_at) values (?, ?, ?, 'pending', now() + interval '1 day', now(),"
                        + " now())", UUID.randomUUID(), adaPost, adaConnection);
            Sql.exec(c, "insert into post_media (post_id, media_id, position) values (?, ?, 0)", adaPost, adaMedia);
            Sql.exec(c, "insert into posts (id, user_id, content, status, created_at, updated_at)"
                        + " values (?, ?, 'a draft', 'draft', now(), now())", bobPost, bob);
            Sql.exec(c, "insert into idempotency_keys (user_id, scope, idempotency_key, request_hash, status,"
                        + " response_status, response_body, created_at, expires_at) values (?, 'posts', 'k-1',"
                        + " repeat('c', 64), 'completed', 201, '{}', now(), now() + interval '1 day')", bob);
            Sql.exec(c, "insert into oauth_states (id, user_id, platform_id, state_hash, expires_at, created_at)"
                        + " select ?, ?, id, 'hash', now() + interval '10 minutes', now() from social_platforms"
                        + " where key = 'linkedin'", UUID.randomUUID(), bob);
        }
        String before = fingerprint("user_platforms", "access_token_ciphertext || refresh_token_ciphertext"
                                                      + " || token_key_id || account_id");

        scratch.flyway("latest").migrate();

        try (Connection c = Sql.connect()) {
            Sql.exec(c, "set search_path to " + scratch.name);
            UUID adas = (UUID) Sql.value(c, "select id from workspaces where personal_of = ?", ada);
            UUID bobs = (UUID) Sql.value(c, "select id from workspaces where personal_of = ?", bob);
            assertThat(adas).isNotNull().isNotEqualTo(bobs);
            assertThat(bobs).isNotNull();
            assertThat(Sql.value(c, "select name from workspaces where id = ?", adas)).isEqualTo("ada's workspace");
            assertThat(Sql.value(c, "select role from workspace_members where workspace_id = ? and user_id = ?",
                                 adas, ada)).isEqualTo("owner");
            assertThat(Sql.value(c, "select count(*) from workspace_members")).isEqualTo(2L);
            assertThat(rows(c, "select workspace_id || ' ' || created_by from posts order by content"))
                    .containsExactly(bobs + " " + bob, adas + " " + ada);
            assertThat(rows(c, "select workspace_id || ' ' || created_by || ' ' || storage_key from media"))
                    .containsExactly(adas + " " + ada + " " + ada + "/" + adaMedia);
            assertThat(rows(c, "select workspace_id || ' ' || created_by || ' ' || token_owner_id"
                               + " from user_platforms")).containsExactly(adas + " " + ada + " " + ada);
            assertThat(rows(c, "select workspace_id || ' ' || idempotency_key from idempotency_keys"))
                    .containsExactly(bobs + " k-1");
            assertThat(rows(c, "select workspace_id::text from oauth_states")).containsExactly(bobs.toString());
            assertThat(rows(c, "select p.status || ' ' || pp.status || ' ' || pm.media_id from posts p"
                               + " join post_platforms pp on pp.post_id = p.id join post_media pm on pm.post_id = p.id"))
                    .containsExactly("scheduled pending " + adaMedia);
            assertThat(Sql.value(c, "select count(*) from post_history")).isEqualTo(0L); // no invented history
        }
        assertThat(fingerprint("user_platforms", "access_token_ciphertext || refresh_token_ciphertext"
                                                 + " || token_key_id || account_id")).isEqualTo(before);
    }

    private String fingerprint(String table, String expression) throws Exception {
        try (Connection c = Sql.connect()) {
            Sql.exec(c, "set search_path to " + scratch.name);
            return String.valueOf(Sql.value(c, "select md5(string_agg(" + expression + ", '|' order by id)) from "
                                               + table.toLowerCase(Locale.ROOT)));
        }
    }

    private static List<String> rows(Connection c, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
