package dev.poststride.post;

import dev.poststride.common.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * What the publishing engine reads of a claimed target, answered by the posts' owner so the engine does not read the
 * post tables itself. Reads run without a transaction: only the attempt that holds the lease writes the target now.
 */
@ApplicationScoped
public class TargetsToPublish {

    /**
     * A target as its attempt publishes it: the post's text (or the target's own), its time and media in order, the
     * checkpoint of a multi-step flow, how the last attempt ended, and its options and fitted media as stored (JSON).
     */
    public record TargetToPublish(UUID postId, UUID connectionId, String text, Instant scheduledAt,
                                  List<UUID> mediaIds, String platform, String checkpoint, String lastErrorCode,
                                  String lastErrorMessage, String optionsJson, String fittedMediaJson) {
    }

    private final DataSource db;

    TargetsToPublish(DataSource db) {
        this.db = db;
    }

    /** Everything about the target in one read; empty when it was deleted meanwhile. */
    public Optional<TargetToPublish> read(UUID targetId) {
        try (Connection c = db.getConnection();
             PreparedStatement read = c.prepareStatement(
                     "select p.id, pp.user_platform_id, coalesce(pp.content_override, p.content), p.scheduled_at,"
                     + " pp.platform, pp.platform_checkpoint, pp.last_error_code, pp.last_error_message,"
                     + " array(select media_id from post_media m where m.post_id = p.id order by m.position),"
                     + " pp.options, pp.fitted_media"
                     + " from post_platforms pp join posts p on p.id = pp.post_id where pp.id = ?")) {
            read.setObject(1, targetId);
            try (ResultSet rs = read.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp scheduled = rs.getTimestamp(4);
                List<UUID> mediaIds = List.of((UUID[]) rs.getArray(9).getArray());
                return Optional.of(new TargetToPublish(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                                                       rs.getString(3),
                                                       scheduled == null ? null : scheduled.toInstant(), mediaIds,
                                                       rs.getString(5), rs.getString(6), rs.getString(7),
                                                       rs.getString(8), rs.getString(10), rs.getString(11)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The target " + targetId + " could not be read", e);
        }
    }

    /**
     * When the target's first attempt began: the earliest moment a send of it can have landed, where an unchecked
     * outcome's look-up starts. Read only on that path, never for an ordinary publish.
     */
    public Instant firstAttemptStartedAt(UUID targetId) {
        try (Connection c = db.getConnection();
             PreparedStatement read = c.prepareStatement(
                     "select min(started_at) from publish_attempts where post_platform_id = ?")) {
            read.setObject(1, targetId);
            try (ResultSet rs = read.executeQuery()) {
                return rs.next() ? SqlValues.instant(rs.getTimestamp(1)) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The attempts of target " + targetId + " could not be read", e);
        }
    }
}
