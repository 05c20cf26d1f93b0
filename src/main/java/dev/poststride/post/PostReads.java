package dev.poststride.post;

import dev.poststride.common.Page;
import dev.poststride.common.Problem.FieldError;
import dev.poststride.common.Problems;
import dev.poststride.common.SqlValues;
import dev.poststride.platforms.PlatformKey;
import dev.poststride.platforms.PlatformModules;
import dev.poststride.user.AccountExport;
import dev.poststride.workspace.Workspaces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Reading posts: one, a filtered page, a post's history, a target's attempts, and a user's posts for their export. */
@ApplicationScoped
public class PostReads {

    private final PostViews views;
    private final PostReview review;
    private final PlatformModules modules;
    private final Workspaces workspaces;
    private final EntityManager em;

    PostReads(PostViews views, PostReview review, PlatformModules modules, Workspaces workspaces, EntityManager em) {
        this.views = views;
        this.review = review;
        this.modules = modules;
        this.workspaces = workspaces;
        this.em = em;
    }

    /** Query filters of {@code GET /api/posts}. */
    public record PostFilter(String status, PlatformKey platform, Instant from, Instant to) {
    }

    public PostView get(UUID workspaceId, UUID postId) {
        return views.byId(postId, workspaceId).orElseThrow(() -> new Problems.NotFound("The post"));
    }

    /** Filters, newest scheduled first; one query whatever the page size (see {@link PostViews}). */
    public Page<PostView> list(UUID workspaceId, PostFilter filter, Page.PageRequest page) {
        return views.page(workspaceId, filter, page);
    }

    /** Reads the list filters, times in the user's timezone as for scheduling. */
    public PostFilter filter(UUID userId, String status, String platform, String from, String to) {
        List<FieldError> errors = new ArrayList<>();
        if (status != null && !Set.of(PostStatus.DRAFT, PostStatus.PENDING_APPROVAL, PostStatus.SCHEDULED,
                                      PostStatus.PUBLISHING, PostStatus.PUBLISHED, PostStatus.PARTIALLY_PUBLISHED,
                                      PostStatus.FAILED, PostStatus.CANCELLED).contains(status)) {
            errors.add(new FieldError("status", "must be one of draft, pending_approval, scheduled, publishing,"
                                                + " published, partially_published, failed, cancelled"));
        }
        Optional<PlatformKey> key = platform == null ? Optional.empty() : modules.key(platform);
        if (platform != null && key.isEmpty()) {
            errors.add(new FieldError("platform", "must be one of " + String.join(", ", modules.all().stream()
                    .map(m -> m.key().key()).toList())));
        }
        ZoneId zone = (from != null || to != null) ? review.zoneOf(userId) : ZoneId.of("UTC");
        Instant fromInstant = PostReview.time("from", from, zone, errors);
        Instant toInstant = PostReview.time("to", to, zone, errors);
        if (!errors.isEmpty()) {
            throw new Problems.Invalid(errors);
        }
        return new PostFilter(status, key.orElse(null), fromInstant, toInstant);
    }

    /** Every status change of the post, oldest first, with who made it. */
    @Transactional
    public List<PostHistory.Entry> history(UUID workspaceId, UUID postId) {
        Post post = Post.owned(postId, workspaceId);
        return PostHistory.of(em, post.id);
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public List<AttemptView> attempts(UUID workspaceId, UUID postId, UUID targetId) {
        Post post = Post.owned(postId, workspaceId);
        if (PublishTarget.count("id = ?1 and postId = ?2", targetId, post.id) == 0) {
            throw new Problems.NotFound("The target");
        }
        List<Object[]> rows = em.createNativeQuery(
                        "select attempt, started_at, finished_at, outcome, error_code, message, duration_ms"
                        + " from publish_attempts where post_platform_id = ?1 order by attempt, started_at")
                .setParameter(1, targetId).getResultList();
        return rows.stream().map(r -> new AttemptView(((Number) r[0]).intValue(), SqlValues.instant(r[1]),
                                                      SqlValues.instant(r[2]),
                                                      (String) r[3], (String) r[4], (String) r[5],
                                                      r[6] == null ? null : ((Number) r[6]).longValue())).toList();
    }

    /** The export's posts (as the API shows them, targets included) and every publish attempt of their targets. */
    @Transactional
    @SuppressWarnings("unchecked")
    void onExport(@Observes AccountExport export) {
        UUID personal = workspaces.personalOf(export.userId());
        export.add("posts", Post.<Post>list("workspaceId = ?1 order by createdAt, id", personal).stream()
                .map(views::of).toList());
        List<Object[]> rows = em.createNativeQuery(
                        "select a.post_platform_id, a.attempt, a.started_at, a.finished_at, a.outcome, a.error_code,"
                        + " a.message, a.duration_ms from publish_attempts a join post_platforms t"
                        + " on t.id = a.post_platform_id join posts p on p.id = t.post_id where p.workspace_id = ?1"
                        + " order by a.started_at, a.attempt")
                .setParameter(1, personal).getResultList();
        export.add("publish_attempts", rows.stream().map(r -> {
            Map<String, Object> attempt = new LinkedHashMap<>();
            attempt.put("target_id", r[0]);
            attempt.put("attempt", r[1]);
            attempt.put("started_at", SqlValues.instant(r[2]));
            attempt.put("finished_at", SqlValues.instant(r[3]));
            attempt.put("outcome", r[4]);
            attempt.put("error_code", r[5]);
            attempt.put("message", r[6]);
            attempt.put("duration_ms", r[7]);
            return attempt;
        }).toList());
    }
}
