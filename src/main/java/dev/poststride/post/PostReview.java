package dev.poststride.post;

import dev.poststride.common.Problem.FieldError;
import dev.poststride.common.Problems;
import dev.poststride.common.access.Access;
import dev.poststride.common.access.Permission;
import dev.poststride.media.MediaService;
import dev.poststride.media.MediaView;
import dev.poststride.platform.ConnectionService;
import dev.poststride.platform.TargetAccount;
import dev.poststride.platforms.CreatorInfo;
import dev.poststride.user.UserService;
import dev.poststride.user.UserView;
import dev.poststride.workspace.Approvals;
import dev.poststride.workspace.Workspaces;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Every problem of a post request at once, before anything is stored: its fields, its time in the user's timezone,
 * ownership of targets and media, each platform's rules ({@link TargetChecks}), and what "scheduled" becomes under
 * the workspace's approval rules.
 */
@ApplicationScoped
class PostReview {

    private static final Set<String> ENGINE_STATUSES = Set.of(PostStatus.PUBLISHING, PostStatus.PUBLISHED,
                                                              PostStatus.PARTIALLY_PUBLISHED, PostStatus.FAILED,
                                                              PostStatus.CANCELLED);

    /** What a valid request becomes: its status (approvals applied), its time and the media fitted per target. */
    record Checked(String status, Instant scheduledAt, Map<Integer, List<FittedMedia>> fitted) {
    }

    /**
     * What a request would become and everything wrong with it: the status asked for (before approvals), the time,
     * each broken rule, the workspace's accounts and media it names, and the creators' live settings read for it.
     */
    record Review(String status, Instant scheduledAt, List<FieldError> errors, Map<UUID, TargetAccount> accounts,
                  List<MediaView> attached, Map<Integer, CreatorInfo> creators,
                  Map<Integer, List<FittedMedia>> fitted) {
    }

    private final ConnectionService connections;
    private final MediaService media;
    private final UserService users;
    private final Workspaces workspaces;
    private final TargetChecks targetChecks;
    private final Clock clock;

    PostReview(ConnectionService connections, MediaService media, UserService users, Workspaces workspaces,
               TargetChecks targetChecks, Clock clock) {
        this.connections = connections;
        this.media = media;
        this.users = users;
        this.workspaces = workspaces;
        this.targetChecks = targetChecks;
        this.clock = clock;
    }

    /**
     * The request as it will be stored, or 422 with every problem. A post asked to be scheduled waits for approval
     * where the workspace wants that of the caller (contributors, or everyone); a contributor cannot schedule where
     * it does not (403).
     */
    Checked check(Access access, PostRequest request) {
        Review review = review(access, request);
        if (!review.errors().isEmpty()) {
            throw new Problems.Invalid(review.errors());
        }
        String status = review.status();
        if (PostStatus.SCHEDULED.equals(status)) {
            status = scheduledStatus(access);
        }
        return new Checked(status, review.scheduledAt(), review.fitted());
    }

    Review review(Access access, PostRequest request) {
        UUID userId = access.userId();
        UUID workspaceId = access.workspace();
        List<FieldError> errors = new ArrayList<>();
        String status = request.status();
        if (status != null && ENGINE_STATUSES.contains(status)) {
            errors.add(new FieldError("status", "'" + status + "' is set by the server; ask for draft or scheduled"));
        } else if (status != null && !status.equals(PostStatus.DRAFT) && !status.equals(PostStatus.SCHEDULED)) {
            errors.add(new FieldError("status", "must be draft or scheduled"));
        }
        Instant scheduledAt = time("scheduled_at", request.scheduledAt(), request.scheduledAt() == null ? null
                : zoneOf(userId), errors);
        if (status == null) {
            status = scheduledAt != null ? PostStatus.SCHEDULED : PostStatus.DRAFT;
        }
        boolean scheduling = PostStatus.SCHEDULED.equals(status);
        if (scheduling && (request.scheduledAt() == null || request.scheduledAt().isBlank())) {
            errors.add(new FieldError("scheduled_at", "is required to schedule a post"));
        }
        if (scheduling && scheduledAt != null && !scheduledAt.isAfter(clock.instant())) {
            errors.add(new FieldError("scheduled_at", "must be in the future"));
        }
        if (scheduling && request.targetList().isEmpty()) {
            errors.add(new FieldError("targets", "needs at least one target to schedule a post"));
        }

        List<UUID> connectionIds = request.targetList().stream().map(PostRequest.TargetRequest::connectionId).toList();
        Map<UUID, TargetAccount> accounts = connections.findOwned(workspaceId, new HashSet<>(connectionIds));
        Map<UUID, MediaView> owned = media.findOwned(workspaceId, new HashSet<>(request.mediaList()));
        Set<UUID> seenTargets = new HashSet<>();
        for (int i = 0; i < connectionIds.size(); i++) {
            UUID id = connectionIds.get(i);
            if (!seenTargets.add(id)) {
                errors.add(new FieldError("targets[" + i + "].connection_id", "is already a target of this post"));
            } else if (!accounts.containsKey(id)) {
                errors.add(new FieldError("targets[" + i + "].connection_id", "is not a connection of this"
                                                                             + " workspace"));
            } else if (scheduling && !accounts.get(id).active()) {
                errors.add(new FieldError("targets[" + i + "].connection_id", "needs to be connected again ("
                                                                             + accounts.get(id).status() + ")"));
            }
        }
        Set<UUID> seenMedia = new HashSet<>();
        List<MediaView> attached = new ArrayList<>();
        for (int i = 0; i < request.mediaList().size(); i++) {
            UUID id = request.mediaList().get(i);
            if (!seenMedia.add(id)) {
                errors.add(new FieldError("media_ids[" + i + "]", "is already attached"));
            } else if (!owned.containsKey(id)) {
                errors.add(new FieldError("media_ids[" + i + "]", "is not a media item of this workspace"));
            } else {
                attached.add(owned.get(id));
            }
        }
        TargetChecks.Result targets = targetChecks.check(workspaceId, request, accounts, attached, scheduling);
        errors.addAll(targets.errors());
        return new Review(status, scheduledAt, errors, accounts, attached, targets.creators(), targets.fitted());
    }

    /** What "scheduled" becomes for this caller under the workspace's approval rules; 403 where it may not. */
    String scheduledStatus(Access access) {
        Approvals approvals = workspaces.approvals(access.workspace());
        boolean mayApproveItself = access.can(Permission.POSTS_SCHEDULE);
        if (approvals == Approvals.EVERYONE || approvals == Approvals.CONTRIBUTORS && !mayApproveItself) {
            return PostStatus.PENDING_APPROVAL;
        }
        if (!mayApproveItself) {
            throw new Problems.Forbidden("Your role cannot schedule posts in this workspace; save a draft, or ask an"
                                         + " admin to turn on approvals.");
        }
        return PostStatus.SCHEDULED;
    }

    /** A time field read in {@code zone}; null (and an error noted) when unreadable. */
    static Instant time(String field, String text, ZoneId zone, List<FieldError> errors) {
        try {
            return ScheduleTimes.parse(text, zone).orElse(null);
        } catch (ScheduleTimes.Unreadable e) {
            errors.add(new FieldError(field, e.getMessage()));
            return null;
        }
    }

    /** The user's timezone, in which times without an offset are read. */
    ZoneId zoneOf(UUID userId) {
        return users.find(userId).map(UserView::timezone).map(ZoneId::of).orElse(ZoneId.of("UTC"));
    }
}
