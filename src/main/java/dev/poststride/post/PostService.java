package dev.poststride.post;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poststride.common.Page;
import dev.poststride.common.Problem.FieldError;
import dev.poststride.common.Problems;
import dev.poststride.common.Sha256;
import dev.poststride.common.SqlValues;
import dev.poststride.common.access.Access;
import dev.poststride.common.access.Permission;
import dev.poststride.common.idempotency.IdempotencyKeys.Answer;
import dev.poststride.common.idempotency.IdempotencyKeys;
import dev.poststride.media.FitSpec;
import dev.poststride.media.MediaRenditions;
import dev.poststride.media.MediaService;
import dev.poststride.media.MediaView;
import dev.poststride.platform.ConnectionRemoved;
import dev.poststride.platform.ConnectionService;
import dev.poststride.platform.LiveAccountInfo;
import dev.poststride.platform.TargetAccount;
import dev.poststride.platforms.CreatorInfo;
import dev.poststride.platforms.PlatformKey;
import dev.poststride.platforms.PlatformModules;
import dev.poststride.platforms.TextCounting;
import dev.poststride.user.AccountExport;
import dev.poststride.user.UserService;
import dev.poststride.user.UserView;
import dev.poststride.workspace.Approvals;
import dev.poststride.workspace.AuditLog;
import dev.poststride.workspace.Workspaces;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Writing, scheduling, listing, cancelling and retrying posts. */
@ApplicationScoped
public class PostService {

    static final String CREATE_SCOPE = "POST /api/posts";
    private static final Set<String> ENGINE_STATUSES = Set.of(PostStatus.PUBLISHING, PostStatus.PUBLISHED,
                                                              PostStatus.PARTIALLY_PUBLISHED, PostStatus.FAILED,
                                                              PostStatus.CANCELLED);

    private final ConnectionService connections;
    private final MediaService media;
    private final UserService users;
    private final PostViews views;
    private final TargetStates states;
    private final IdempotencyKeys idempotency;
    private final Workspaces workspaces;
    private final AuditLog audit;
    private final PostEvents events;
    private final LiveAccountInfo live;
    private final PlatformModules modules;
    private final TargetChecks targetChecks;
    private final ObjectMapper json;
    private final MediaRenditions copies;
    private final TransactionSynchronizationRegistry transactions;
    private final EntityManager em;
    private final Clock clock;

    PostService(ConnectionService connections, MediaService media, UserService users, PostViews views,
                TargetStates states, IdempotencyKeys idempotency, Workspaces workspaces, AuditLog audit,
                PostEvents events, LiveAccountInfo live, PlatformModules modules, TargetChecks targetChecks,
                MediaRenditions copies,
                TransactionSynchronizationRegistry transactions, ObjectMapper json, EntityManager em, Clock clock) {
        this.copies = copies;
        this.transactions = transactions;
        this.connections = connections;
        this.media = media;
        this.users = users;
        this.views = views;
        this.states = states;
        this.idempotency = idempotency;
        this.workspaces = workspaces;
        this.audit = audit;
        this.events = events;
        this.live = live;
        this.modules = modules;
        this.targetChecks = targetChecks;
        this.json = json;
        this.em = em;
        this.clock = clock;
    }

    /** Creates a post (201); with an Idempotency-Key, a repeat answers the first post instead of a second one. */
    public Answer<PostView> create(Access access, PostRequest request, String idempotencyKey) {
        return idempotency.once(access.workspace(), CREATE_SCOPE, idempotencyKey, hash(request), PostView.class,
                                () -> new Answer<>(201, QuarkusTransaction.requiringNew()
                                        .call(() -> insert(access, request))));
    }

    private PostView insert(Access access, PostRequest request) {
        PostHistory.actor(em, access, null);
        Checked checked = check(access, request);
        Instant now = clock.instant();
        Post post = new Post();
        post.id = UUID.randomUUID();
        post.workspaceId = access.workspace();
        post.createdBy = access.userId();
        post.createdAt = now;
        apply(post, request, checked, now);
        post.persist();
        writeTargets(post, request, checked, now, List.of());
        writeMedia(post.id, request.mediaList());
        em.flush();
        if (PostStatus.PENDING_APPROVAL.equals(post.status)) {
            audit.record(access, "approval.requested", "post", post.id, Map.of());
            events.approvalRequested(post.id);
        }
        events.statusChanged(post.id, null, post.status);
        return views.of(post);
    }

    /**
     * The dry run of {@link #create}: the same checks, the same live reads (TikTok's creator_info), nothing stored,
     * no event; what would be saved and published, and every broken rule.
     */
    @Transactional
    public PostCheck dryRun(Access access, PostRequest request) {
        Review review = review(access, request);
        List<FieldError> errors = new ArrayList<>(review.errors());
        String status = review.status();
        if (errors.isEmpty() && PostStatus.SCHEDULED.equals(status)) {
            try {
                status = scheduledStatus(access, workspaces.approvals(access.workspace()));
            } catch (Problems.Forbidden refused) {
                errors.add(new FieldError("status", refused.getMessage(), "not_allowed"));
            }
        }
        List<PostCheck.TargetCheck> targets = new ArrayList<>();
        for (int i = 0; i < request.targetList().size(); i++) {
            PostRequest.TargetRequest target = request.targetList().get(i);
            TargetAccount account = review.accounts().get(target.connectionId());
            if (account == null) {
                continue;
            }
            String text = target.content() != null ? target.content() : request.content();
            TextCounting counting = modules.of(account.platform()).rules().counting();
            String prefix = "targets[" + i + "]";
            targets.add(new PostCheck.TargetCheck(
                    i, target.connectionId(), account.platform().key(), text, counting.count(text),
                    account.rules().textLimit(), counting.name(), review.attached().stream().map(MediaView::id).toList(),
                    target.optionMap(), review.fitted().getOrDefault(i, List.of()), review.creators().get(i),
                    account.active() ? live.publishingQuota(account.connectionId()).orElse(null) : null,
                    errors.stream().filter(e -> e.field().equals(prefix) || e.field().startsWith(prefix + "."))
                            .toList()));
        }
        return new PostCheck(errors.isEmpty(), status, errors, targets);
    }

    @Transactional
    public PostView update(Access access, UUID postId, PostRequest request) {
        PostHistory.actor(em, access, null);
        Post post = Post.findOwned(postId, access.workspace()).orElseThrow(() -> new Problems.NotFound("The post"));
        Checked checked = check(access, request);
        lockForChange(post);
        List<PublishTarget> existing = PublishTarget.ofPost(post.id);
        if (existing.stream().anyMatch(t -> t.status.equals(PostStatus.TARGET_PUBLISHING)
                                            || t.status.equals(PostStatus.TARGET_PUBLISHED))) {
            throw new Problems.Conflict("This post is being published or was published; it can no longer be edited.");
        }
        String before = post.status;
        boolean wasWaiting = PostStatus.PENDING_APPROVAL.equals(before);
        Instant now = clock.instant();
        apply(post, request, checked, now);
        writeTargets(post, request, checked, now, existing);
        em.createNativeQuery("delete from post_media where post_id = ?1").setParameter(1, post.id).executeUpdate();
        writeMedia(post.id, request.mediaList());
        em.flush();
        if (!wasWaiting && PostStatus.PENDING_APPROVAL.equals(post.status)) {
            audit.record(access, "approval.requested", "post", post.id, Map.of());
            events.approvalRequested(post.id);
        }
        if (PostStatus.SCHEDULED.equals(before) && PostStatus.SCHEDULED.equals(post.status)) {
            events.rescheduled(post.id);
        } else {
            events.statusChanged(post.id, before, post.status);
        }
        return views.of(post);
    }

    public PostView get(UUID workspaceId, UUID postId) {
        return views.byId(postId, workspaceId).orElseThrow(() -> new Problems.NotFound("The post"));
    }

    @Transactional
    public void delete(UUID workspaceId, UUID postId) {
        Post post = Post.findOwned(postId, workspaceId).orElseThrow(() -> new Problems.NotFound("The post"));
        lockForChange(post);
        if (PublishTarget.ofPost(post.id).stream().anyMatch(t -> t.status.equals(PostStatus.TARGET_PUBLISHING))) {
            throw new Problems.Conflict("This post is being published right now; try again when it has finished.");
        }
        post.delete();
    }

    /**
     * Targets that have not started become cancelled (only those still {@code pending}: one the engine claimed
     * meanwhile publishes); 409 when none is left to cancel.
     */
    @Transactional
    public PostView cancel(Access access, UUID postId) {
        PostHistory.actor(em, access, null);
        Post post = Post.findOwned(postId, access.workspace()).orElseThrow(() -> new Problems.NotFound("The post"));
        lockForChange(post);
        if (states.cancelPending(post.id, clock.instant()) == 0) {
            throw new Problems.Conflict("Nothing of this post is waiting to be published, so there is nothing to"
                                        + " cancel.");
        }
        return views.of(post);
    }

    /**
     * A failed target goes back to pending, due now, and so does one cancelled because its account was disconnected;
     * 409 while the target's account is not connected (it would only fail again), or for a target in another state.
     */
    @Transactional
    public PostView retry(Access access, UUID postId, UUID targetId) {
        PostHistory.actor(em, access, null);
        Post post = Post.findOwned(postId, access.workspace()).orElseThrow(() -> new Problems.NotFound("The post"));
        PublishTarget target = PublishTarget.<PublishTarget>find("id = ?1 and postId = ?2", targetId, post.id)
                .firstResultOptional().orElseThrow(() -> new Problems.NotFound("The target"));
        TargetAccount account = connections.findOwned(post.workspaceId, Set.of(target.connectionId))
                .get(target.connectionId);
        lockForChange(post);
        if (!account.active()) {
            throw new Problems.Conflict("This target's account is " + account.status() + "; connect it again, then"
                                        + " retry.");
        }
        if (states.retryFailed(post.id, targetId, clock.instant()) == 0) {
            throw new Problems.Conflict("Only a failed target, or one cancelled by disconnecting its account, can be"
                                        + " retried; this one is " + target.status + ".");
        }
        return views.of(post);
    }

    /**
     * An editor approves a post awaiting approval (not their own: that takes a second person): it is scheduled for
     * its time, or back to draft if that time has passed meanwhile (a person then picks a new one). Its targets' due
     * time is touched, so the dispatchers hear of it at once.
     */
    @Transactional
    public PostView approve(Access access, UUID postId) {
        PostHistory.actor(em, access, null);
        Post post = awaitingApproval(access, postId);
        if (access.userId().equals(PostHistory.submitter(em, post.id).orElse(null))) {
            throw new Problems.Forbidden("Someone else has to approve a post you submitted.");
        }
        Instant now = clock.instant();
        boolean stillAhead = post.scheduledAt != null && post.scheduledAt.isAfter(now);
        post.status = stillAhead ? PostStatus.SCHEDULED : PostStatus.DRAFT;
        post.updatedAt = now;
        em.flush();
        if (stillAhead) {
            states.releaseApproved(post.id, post.scheduledAt, now);
        }
        audit.record(access, "approval.decided", "post", post.id,
                     Map.of("decision", "approved", "status", post.status));
        events.approvalDecided(post.id, "approved", null);
        events.statusChanged(post.id, PostStatus.PENDING_APPROVAL, post.status);
        return views.of(post);
    }

    /** An editor rejects a post awaiting approval, with a comment for its author: it goes back to draft. */
    @Transactional
    public PostView reject(Access access, UUID postId, String comment) {
        PostHistory.actor(em, access, comment);
        Post post = awaitingApproval(access, postId);
        post.status = PostStatus.DRAFT;
        post.updatedAt = clock.instant();
        em.flush();
        audit.record(access, "approval.decided", "post", post.id,
                     Map.of("decision", "rejected", "comment", comment == null ? "" : comment));
        events.approvalDecided(post.id, "rejected", comment);
        return views.of(post);
    }

    private Post awaitingApproval(Access access, UUID postId) {
        Post post = Post.findOwned(postId, access.workspace()).orElseThrow(() -> new Problems.NotFound("The post"));
        lockForChange(post);
        if (!PostStatus.PENDING_APPROVAL.equals(post.status)) {
            throw new Problems.Conflict("This post is " + post.status + ", not awaiting approval.");
        }
        return post;
    }

    /** Every status change of the post, oldest first, with who made it. */
    @Transactional
    public List<PostHistory.Entry> history(UUID workspaceId, UUID postId) {
        Post post = Post.findOwned(postId, workspaceId).orElseThrow(() -> new Problems.NotFound("The post"));
        return PostHistory.of(em, post.id);
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
            Map<String, Object> attempt = new java.util.LinkedHashMap<>();
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

    /** Disconnecting an account cancels what waited to go out through it; 409 while it is publishing. */
    void onConnectionRemoved(@Observes ConnectionRemoved event) {
        try {
            states.cancelForRemovedConnection(event.connectionId(), clock.instant());
        } catch (TargetStates.TargetPublishing publishing) {
            throw new Problems.Conflict("A post is being published to this account right now; disconnect it when that"
                                        + " has finished (seconds, usually).");
        }
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public List<AttemptView> attempts(UUID workspaceId, UUID postId, UUID targetId) {
        Post post = Post.findOwned(postId, workspaceId).orElseThrow(() -> new Problems.NotFound("The post"));
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

    /** Filters, newest scheduled first; one query whatever the page size (see {@link PostViews}). */
    public Page<PostView> list(UUID workspaceId, PostFilter filter, Page.PageRequest page) {
        return views.page(workspaceId, filter, page);
    }

    /** Query filters of {@code GET /api/posts}. */
    public record PostFilter(String status, PlatformKey platform, Instant from, Instant to) {
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
        ZoneId zone = (from != null || to != null) ? zoneOf(userId) : ZoneId.of("UTC");
        Instant fromInstant = time("from", from, zone, errors);
        Instant toInstant = time("to", to, zone, errors);
        if (!errors.isEmpty()) {
            throw new Problems.Invalid(errors);
        }
        return new PostFilter(status, key.orElse(null), fromInstant, toInstant);
    }

    // ---- checking a request ------------------------------------------------------------------------------------

    private record Checked(String status, Instant scheduledAt, Map<Integer, List<FittedMedia>> fitted) {
    }

    /**
     * What a request would become and everything wrong with it: the status asked for (before approvals), the time,
     * each broken rule, the workspace's accounts and media it names, and the TikTok creators read for it.
     */
    private record Review(String status, Instant scheduledAt, List<FieldError> errors,
                          Map<UUID, TargetAccount> accounts, List<MediaView> attached,
                          Map<Integer, CreatorInfo> creators, Map<Integer, List<FittedMedia>> fitted) {
    }

    /**
     * Every problem of a request at once: its fields, ownership of targets and media, and each platform's rules. A
     * post asked to be scheduled waits for approval where the workspace wants that of the caller (contributors, or
     * everyone); a contributor cannot schedule where it does not (403).
     */
    private Checked check(Access access, PostRequest request) {
        Review review = review(access, request);
        if (!review.errors().isEmpty()) {
            throw new Problems.Invalid(review.errors());
        }
        String status = review.status();
        if (PostStatus.SCHEDULED.equals(status)) {
            status = scheduledStatus(access, workspaces.approvals(access.workspace()));
        }
        return new Checked(status, review.scheduledAt(), review.fitted());
    }

    private Review review(Access access, PostRequest request) {
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

    /** What "scheduled" becomes for this caller in a workspace with these approval rules. */
    private static String scheduledStatus(Access access, Approvals approvals) {
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

    private Instant time(String field, String text, ZoneId zone, List<FieldError> errors) {
        try {
            return ScheduleTimes.parse(text, zone).orElse(null);
        } catch (ScheduleTimes.Unreadable e) {
            errors.add(new FieldError(field, e.getMessage()));
            return null;
        }
    }

    private ZoneId zoneOf(UUID userId) {
        return users.find(userId).map(UserView::timezone).map(ZoneId::of).orElse(ZoneId.of("UTC"));
    }

    // ---- writing -------------------------------------------------------------------------------------------------

    private void apply(Post post, PostRequest request, Checked checked, Instant now) {
        post.content = request.content();
        post.status = checked.status();
        post.scheduledAt = checked.scheduledAt();
        post.publishedAt = null;
        post.updatedAt = now;
    }

    /** Keeps targets whose connection stays (their ids do not change), removes the others, adds the new ones. */
    private void writeTargets(Post post, PostRequest request, Checked checked, Instant now,
                              List<PublishTarget> existing) {
        Map<UUID, PublishTarget> byConnection = new HashMap<>();
        existing.forEach(t -> byConnection.put(t.connectionId, t));
        Set<UUID> kept = new HashSet<>();
        for (int position = 0; position < request.targetList().size(); position++) {
            PostRequest.TargetRequest wanted = request.targetList().get(position);
            PublishTarget target = byConnection.get(wanted.connectionId());
            boolean added = target == null;
            if (added) {
                target = new PublishTarget();
                target.id = UUID.randomUUID();
                target.postId = post.id;
                target.connectionId = wanted.connectionId();
                target.createdAt = now;
            }
            kept.add(target.connectionId);
            target.position = position;
            target.contentOverride = wanted.content();
            target.options = optionsJson(wanted.optionMap());
            List<FittedMedia> fitted = checked.fitted().get(position);
            target.fittedMedia = fitted == null ? null
                    : optionsJson(fitted.stream().map(FittedMedia::stored).toList());
            target.status = PostStatus.TARGET_PENDING;
            target.attempts = 0;
            target.nextAttemptAt = post.scheduledAt;
            target.lastErrorCode = null;
            target.lastErrorMessage = null;
            target.lastErrorRetryable = null;
            target.platformCheckpoint = null;
            target.updatedAt = now;
            if (added) {
                target.persist();
            }
        }
        existing.stream().filter(t -> !kept.contains(t.connectionId)).forEach(PublishTarget::delete);
        prepareCopiesOnceSaved(checked.fitted());
    }

    /**
     * Starts making the targets' derived copies as soon as the post is committed, so that publishing at the due
     * second finds them made. Best effort and idempotent: the publish makes any copy still missing (this instance may
     * stop first), and records why one cannot be made.
     */
    private void prepareCopiesOnceSaved(Map<Integer, List<FittedMedia>> fitted) {
        if (fitted.isEmpty()) {
            return;
        }
        Map<UUID, Set<FitSpec>> wanted = new HashMap<>();
        fitted.values().forEach(list -> list.forEach(
                f -> wanted.computeIfAbsent(f.mediaId(), id -> new HashSet<>()).add(f.spec())));
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    copies.prepare(wanted);
                }
            }
        });
    }

    private String optionsJson(Object options) {
        try {
            return json.writeValueAsString(options);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Target options could not be written as JSON", e);
        }
    }

    private void writeMedia(UUID postId, List<UUID> mediaIds) {
        for (int i = 0; i < mediaIds.size(); i++) {
            em.createNativeQuery("insert into post_media (post_id, media_id, position) values (?1, ?2, ?3)")
                    .setParameter(1, postId).setParameter(2, mediaIds.get(i)).setParameter(3, i).executeUpdate();
        }
    }

    /**
     * Row lock on the post before anything of its targets is read or written (the one lock order, see
     * {@link TargetStates}): the engine's claim skips a locked post, so an edit or a cancel and a claim cannot
     * interleave.
     */
    private void lockForChange(Post post) {
        em.lock(post, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    }

    private String hash(PostRequest request) {
        try {
            return Sha256.hex(json.writeValueAsString(request));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize a post request", e);
        }
    }
}
