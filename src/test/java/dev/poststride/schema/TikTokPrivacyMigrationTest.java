package dev.poststride.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststride.support.Sql;
import java.sql.Connection;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * V14: TikTok targets that were scheduled before the privacy choice existed get SELF_ONLY; drafts, published
 * targets and other platforms keep no options. A schema of its own is migrated to V13, filled, then to the latest.
 */
class TikTokPrivacyMigrationTest {

    private final ScratchSchema scratch = new ScratchSchema("ttmig");

    @AfterEach
    void dropSchema() throws Exception {
        scratch.drop();
    }

    @Test
    void scheduledTikTokTargetsBecomePrivateAndNothingElseChanges() throws Exception {
        scratch.flyway("13").migrate();
        UUID user = UUID.randomUUID();
        UUID tiktok = UUID.randomUUID();
        UUID x = UUID.randomUUID();
        try (Connection c = Sql.connect()) {
            Sql.exec(c, "set search_path to " + scratch.name);
            Sql.exec(c, "insert into users (id, email, password_hash, timezone, created_at, updated_at)"
                        + " values (?, ?, 'argon2', 'UTC', now(), now())", user, user + "@example.com");
            Sql.exec(c, "insert into workspaces (id, name, personal_of, created_at, updated_at)"
                        + " values (?, 'Mine', ?, now(), now())", user, user);
            for (UUID connection : new UUID[] {tiktok, x}) {
                Sql.exec(c, "insert into user_platforms (id, workspace_id, token_owner_id, platform_id, account_id,"
                            + " status, connected_at, updated_at) select ?, ?, ?, id, ?, 'active', now(), now()"
                            + " from social_platforms where key = ?", connection, user, user, connection.toString(),
                         connection.equals(tiktok) ? "tiktok" : "x");
            }
            UUID scheduledTikTok = target(c, user, "scheduled", tiktok, "pending");
            UUID failedTikTok = target(c, user, "failed", tiktok, "failed");
            UUID draftTikTok = target(c, user, "draft", tiktok, "pending");
            UUID publishedTikTok = target(c, user, "published", tiktok, "published");
            UUID scheduledX = target(c, user, "scheduled", x, "pending");

            scratch.flyway("latest").migrate();

            assertThat(options(c, scheduledTikTok)).isEqualTo("{\"privacy_level\": \"SELF_ONLY\"}");
            assertThat(options(c, failedTikTok)).isEqualTo("{\"privacy_level\": \"SELF_ONLY\"}");
            assertThat(options(c, draftTikTok)).isEqualTo("{}");
            assertThat(options(c, publishedTikTok)).isEqualTo("{}");
            assertThat(options(c, scheduledX)).isEqualTo("{}");
        }
    }

    private static UUID target(Connection c, UUID workspace, String postStatus, UUID connection, String status)
            throws Exception {
        UUID post = UUID.randomUUID();
        UUID target = UUID.randomUUID();
        Sql.exec(c, "insert into posts (id, workspace_id, content, status, scheduled_at, created_at, updated_at)"
                    + " values (?, ?, 'Hello', ?, now() + interval '1 day', now(), now())", post, workspace,
                 postStatus);
        Sql.exec(c, "insert into post_platforms (id, post_id, user_platform_id, status, created_at, updated_at)"
                    + " values (?, ?, ?, ?, now(), now())", target, post, connection, status);
        return target;
    }

    private static String options(Connection c, UUID target) throws Exception {
        return Sql.value(c, "select options::text from post_platforms where id = ?", target).toString();
    }
}
