package dev.poststride.post;

import dev.poststride.common.SqlValues;
import dev.poststride.post.PostView.LastError;
import dev.poststride.post.PostView.MediaRef;
import dev.poststride.post.PostView.TargetView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds post answers for any number of posts with two queries (targets with their platform, media in order), so
 * a page of 100 posts costs what a page of 1 does.
 */
@ApplicationScoped
class PostViews {

    private final EntityManager em;

    PostViews(EntityManager em) {
        this.em = em;
    }

    PostView of(Post post) {
        return of(List.of(post)).getFirst();
    }

    List<PostView> of(List<Post> posts) {
        if (posts.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = posts.stream().map(p -> p.id).toList();
        Map<UUID, List<TargetView>> targets = targets(ids);
        Map<UUID, List<MediaRef>> media = media(ids);
        List<PostView> views = new ArrayList<>(posts.size());
        for (Post p : posts) {
            views.add(new PostView(p.id, p.content, p.status, p.scheduledAt, p.publishedAt, p.createdAt, p.updatedAt,
                                   targets.getOrDefault(p.id, List.of()), media.getOrDefault(p.id, List.of())));
        }
        return views;
    }

    @SuppressWarnings("unchecked")
    private Map<UUID, List<TargetView>> targets(Collection<UUID> postIds) {
        List<Object[]> rows = em.createNativeQuery(
                        "select pp.post_id, pp.id, pp.user_platform_id, sp.key, pp.content_override, pp.status,"
                        + " pp.platform_post_id, pp.permalink, pp.published_at, pp.attempts, pp.next_attempt_at,"
                        + " pp.last_error_code, pp.last_error_message, pp.last_error_retryable"
                        + " from post_platforms pp join user_platforms up on up.id = pp.user_platform_id"
                        + " join social_platforms sp on sp.id = up.platform_id"
                        + " where pp.post_id in (?1) order by pp.position, pp.created_at, pp.id")
                .setParameter(1, postIds).getResultList();
        Map<UUID, List<TargetView>> byPost = new HashMap<>();
        for (Object[] r : rows) {
            LastError error = r[11] == null ? null : new LastError((String) r[11], (String) r[12], (Boolean) r[13]);
            byPost.computeIfAbsent((UUID) r[0], k -> new ArrayList<>()).add(new TargetView(
                    (UUID) r[1], (UUID) r[2], (String) r[3], (String) r[4], (String) r[5], (String) r[6],
                    (String) r[7], SqlValues.instant(r[8]), ((Number) r[9]).intValue(), SqlValues.instant(r[10]),
                    error));
        }
        return byPost;
    }

    @SuppressWarnings("unchecked")
    private Map<UUID, List<MediaRef>> media(Collection<UUID> postIds) {
        List<Object[]> rows = em.createNativeQuery(
                        "select pm.post_id, m.id, m.media_type, m.mime_type, pm.position, m.width, m.height,"
                        + " m.duration_ms from post_media pm join media m on m.id = pm.media_id"
                        + " where pm.post_id in (?1) order by pm.post_id, pm.position")
                .setParameter(1, postIds).getResultList();
        Map<UUID, List<MediaRef>> byPost = new HashMap<>();
        for (Object[] r : rows) {
            byPost.computeIfAbsent((UUID) r[0], k -> new ArrayList<>()).add(new MediaRef(
                    (UUID) r[1], (String) r[2], (String) r[3], ((Number) r[4]).intValue(),
                    r[5] == null ? null : ((Number) r[5]).intValue(), r[6] == null ? null : ((Number) r[6]).intValue(),
                    r[7] == null ? null : ((Number) r[7]).longValue()));
        }
        return byPost;
    }
}
