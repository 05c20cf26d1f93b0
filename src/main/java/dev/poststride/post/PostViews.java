package dev.poststride.post;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poststride.common.Page;
import dev.poststride.post.PostReads.PostFilter;
import dev.poststride.post.PostView.LastError;
import dev.poststride.post.PostView.MediaRef;
import dev.poststride.post.PostView.FirstComment;
import dev.poststride.post.PostView.TargetView;
import dev.poststride.post.PostView.ThreadPart;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Reads post answers in one SQL statement each: a page of posts (with its total) or a single post, each row
 * carrying its targets and media as JSON arrays built by PostgreSQL. Plain JDBC, no ORM and no transaction of its
 * own: the listing is the API's hottest read, and a JFR profile under `scripts/bench.sh` scenario 2 showed
 * Hibernate's native-query handling and five round trips as most of its cost. Inside a write transaction the data
 * source hands out that transaction's connection, so a post reads back as it was just written.
 */
@ApplicationScoped
public class PostViews {

    private static final String ORDER = " order by p.scheduled_at desc nulls last, p.created_at desc, p.id desc";

    /** Timestamps travel inside the JSON as epoch microseconds: exact, and free of the session's time zone. */
    private static String micros(String column) {
        return "(extract(epoch from " + column + ") * 1000000)::bigint";
    }

    private static final String COLUMNS =
            "p.id, p.content, p.status, p.scheduled_at, p.published_at, p.created_at, p.updated_at, p.created_by,"
            + " (select json_agg(json_build_array(pp.id, pp.user_platform_id, sp.key, pp.content_override, pp.status,"
            + "         pp.platform_post_id, pp.permalink, " + micros("pp.published_at") + ", pp.attempts, "
            + micros("pp.next_attempt_at") + ", pp.last_error_code, pp.last_error_message,"
            + "         pp.last_error_retryable, pp.options, pp.first_comment_status, pp.first_comment_id,"
            + "         pp.first_comment_error, pp.platform_checkpoint, up.account_name, pp.fitted_media)"
            + "         order by pp.position, pp.created_at, pp.id)"
            + "    from post_platforms pp join user_platforms up on up.id = pp.user_platform_id"
            + "    join social_platforms sp on sp.id = up.platform_id where pp.post_id = p.id) as targets,"
            + " (select json_agg(json_build_array(m.id, m.media_type, m.mime_type, pm.position, m.width, m.height,"
            + "         m.duration_ms) order by pm.position)"
            + "    from post_media pm join media m on m.id = pm.media_id where pm.post_id = p.id) as media";

    /** The page statement for a {@code from posts p where ...} clause; parameters: the clause's twice, size, offset. */
    static String pageSql(String where) {
        return "select " + COLUMNS + ", (select count(*)" + where + ") as total from (select p.*" + where + ORDER
               + " limit ? offset ?) p" + ORDER;
    }

    /** The unfiltered page statement (parameters: workspace id twice, size, offset), for tools that explain it. */
    public static String unfilteredPageSql() {
        return pageSql(" from posts p where p.workspace_id = ?");
    }

    private final DataSource db;
    private final ObjectMapper json;

    PostViews(DataSource db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    PostView of(Post post) {
        return byId(post.id, post.workspaceId)
                .orElseThrow(() -> new IllegalStateException("post " + post.id + " vanished"));
    }

    /** The workspace's post, or empty when there is none with that id (or it is another workspace's). */
    Optional<PostView> byId(UUID postId, UUID workspaceId) {
        return query("select " + COLUMNS + " from posts p where p.id = ? and p.workspace_id = ?",
                     List.of(postId, workspaceId), rs -> null).stream().findFirst();
    }

    /** A post as the API shows it, with the workspace it is in. */
    record InWorkspace(UUID workspaceId, PostView view) {
    }

    /** The post, whichever workspace it is in: for the events of a change the caller is making. */
    Optional<InWorkspace> forEvent(UUID postId) {
        UUID[] workspace = new UUID[1];
        return query("select " + COLUMNS + ", p.workspace_id from posts p where p.id = ?", List.of(postId),
                     rs -> workspace[0] = rs.getObject("workspace_id", UUID.class)).stream().findFirst()
                .map(view -> new InWorkspace(workspace[0], view));
    }

    /** A page of the workspace's posts, newest scheduled first, and how many match the filter in all. */
    Page<PostView> page(UUID workspaceId, PostFilter filter, Page.PageRequest page) {
        StringBuilder where = new StringBuilder(" from posts p where p.workspace_id = ?");
        List<Object> params = new ArrayList<>(List.of(workspaceId));
        if (filter.status() != null) {
            where.append(" and p.status = ?");
            params.add(filter.status());
        }
        if (filter.from() != null) {
            where.append(" and p.scheduled_at >= ?");
            params.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" and p.scheduled_at < ?");
            params.add(Timestamp.from(filter.to()));
        }
        if (filter.platform() != null) {
            where.append(" and exists (select 1 from post_platforms pp join user_platforms up on up.id ="
                         + " pp.user_platform_id join social_platforms sp on sp.id = up.platform_id"
                         + " where pp.post_id = p.id and sp.key = ?)");
            params.add(filter.platform().key());
        }
        // The total comes from its own uncorrelated sub-select (an index-only count, run once), so the page itself
        // reads only its rows in the index's order; a window count would read and sort every row of the workspace.
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.addAll(params);
        pageParams.add(page.size());
        pageParams.add((long) page.offset());
        long[] total = {-1};
        List<PostView> items = query(pageSql(where.toString()), pageParams, rs -> total[0] = rs.getLong("total"));
        if (total[0] < 0) { // an empty page: past the end, or nothing matches
            total[0] = count("select count(*)" + where, params);
        }
        return Page.of(items, page, total[0]);
    }

    // ---- JDBC -------------------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface RowExtra {
        Object read(ResultSet rs) throws SQLException;
    }

    private List<PostView> query(String sql, List<Object> params, RowExtra extra) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, params);
            List<PostView> views = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    views.add(new PostView(rs.getObject("id", UUID.class), rs.getString("content"),
                                           rs.getString("status"), instant(rs, "scheduled_at"),
                                           instant(rs, "published_at"), instant(rs, "created_at"),
                                           instant(rs, "updated_at"), rs.getObject("created_by", UUID.class),
                                           targets(rs.getString("targets")),
                                           media(rs.getString("media"))));
                    extra.read(rs);
                }
            }
            return views;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading posts failed", e);
        }
    }

    private long count(String sql, List<Object> params) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, params);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Counting posts failed", e);
        }
    }

    private static void bind(PreparedStatement s, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            s.setObject(i + 1, params.get(i));
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    // ---- the JSON arrays --------------------------------------------------------------------------------------------

    private List<TargetView> targets(String text) {
        List<TargetView> targets = new ArrayList<>();
        for (JsonNode t : array(text)) {
            LastError error = t.get(10).isNull() ? null
                    : new LastError(t.get(10).asText(), nullable(t.get(11)),
                                    t.get(12).isNull() ? null : t.get(12).asBoolean());
            String commentText = t.get(13).path("first_comment").asText(null);
            FirstComment comment = commentText == null ? null
                    : new FirstComment(commentText, t.get(14).isNull() ? "waiting" : t.get(14).asText(),
                                       nullable(t.get(15)), nullable(t.get(16)));
            targets.add(new TargetView(UUID.fromString(t.get(0).asText()), UUID.fromString(t.get(1).asText()),
                                       t.get(2).asText(), nullable(t.get(3)), t.get(13), t.get(4).asText(),
                                       nullable(t.get(5)),
                                       nullable(t.get(6)), fromMicros(t.get(7)), t.get(8).asInt(),
                                       fromMicros(t.get(9)), error, comment, thread(t), fitted(t.get(19))));
        }
        return targets;
    }

    /** An X thread's parts posted so far, from its checkpoint ({@code thread:<id>,...}); null for no thread. */
    private static List<ThreadPart> thread(JsonNode target) {
        if (!target.get(13).has("thread")) {
            return null;
        }
        List<ThreadPart> parts = new ArrayList<>();
        String checkpoint = nullable(target.get(17));
        String username = nullable(target.get(18));
        if (checkpoint != null && checkpoint.startsWith("thread:") && checkpoint.length() > "thread:".length()) {
            String[] ids = checkpoint.substring("thread:".length()).split(",");
            for (int i = 0; i < ids.length; i++) {
                parts.add(new ThreadPart(i, ids[i], username == null ? "https://x.com/i/web/status/" + ids[i]
                        : "https://x.com/" + username + "/status/" + ids[i]));
            }
        }
        return parts;
    }

    /** The images the target publishes as derived copies (an empty list when none). */
    private List<FittedMedia> fitted(JsonNode stored) {
        if (stored == null || stored.isNull()) {
            return List.of();
        }
        try {
            List<FittedMedia> fitted = new ArrayList<>();
            for (JsonNode one : stored) {
                fitted.add(json.treeToValue(one, FittedMedia.Stored.class).view());
            }
            return fitted;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A target's fitted_media is not what this version stores", e);
        }
    }

    private List<MediaRef> media(String text) {
        List<MediaRef> media = new ArrayList<>();
        for (JsonNode m : array(text)) {
            media.add(new MediaRef(UUID.fromString(m.get(0).asText()), m.get(1).asText(), m.get(2).asText(),
                                   m.get(3).asInt(), m.get(4).isNull() ? null : m.get(4).asInt(),
                                   m.get(5).isNull() ? null : m.get(5).asInt(),
                                   m.get(6).isNull() ? null : m.get(6).asLong()));
        }
        return media;
    }

    private JsonNode array(String text) {
        if (text == null) {
            return json.createArrayNode();
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("PostgreSQL answered JSON that does not parse", e);
        }
    }

    private static String nullable(JsonNode node) {
        return node.isNull() ? null : node.asText();
    }

    private static Instant fromMicros(JsonNode node) {
        return node.isNull() ? null : Instant.EPOCH.plus(node.asLong(), ChronoUnit.MICROS);
    }
}
