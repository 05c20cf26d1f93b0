package dev.poststride.post;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poststride.common.Problem.FieldError;
import dev.poststride.common.Problems;
import dev.poststride.common.Sha256;
import dev.poststride.common.access.Access;
import dev.poststride.common.idempotency.IdempotencyKeys.Answer;
import dev.poststride.common.idempotency.IdempotencyKeys;
import dev.poststride.media.MediaView;
import dev.poststride.platform.ConnectionRemoved;
import dev.poststride.platform.ConnectionService;
import dev.poststride.platform.LiveAccountInfo;
import dev.poststride.platform.TargetAccount;
import dev.poststride.platforms.PlatformModules;
import dev.poststride.platforms.TextCounting;
import dev.poststride.workspace.AuditLog;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writing and scheduling posts (create, dry run, edit, delete), and what a person does to their targets: cancel what
 * waits, retry what failed. Checking a request is {@link PostReview}'s, storing it {@link PostWriter}'s; approvals
 * are {@link PostApprovals}', reading {@link PostReads}'.
 */
@ApplicationScoped
public class PostService {

    static final String CREATE_SCOPE = "POST /api/posts";

    private final PostReview review;
    private final PostWriter writer;
    private final ConnectionService connections;
    private final PostViews views;
    private final TargetStates states;
    private final IdempotencyKeys idempotency;
    private final AuditLog audit;
    private final PostEvents events;
    private final LiveAccountInfo live;
    private final PlatformModules modules;
    private final ObjectMapper json;
    private final EntityManager em;
    private final Clock clock;

    PostService(PostReview review, PostWriter writer, ConnectionService connections, PostViews views,
                TargetStates states, IdempotencyKeys idempotency, AuditLog audit, PostEvents events,
                LiveAccountInfo live, PlatformModules modules, ObjectMapper json, EntityManager em, Clock clock) {
        this.review = review;
        this.writer = writer;
        this.connections = connections;
        this.views = views;
        this.states = states;
        this.idempotency = idempotency;
        this.audit = audit;
        this.events = events;
        this.live = live;
        this.modules = modules;
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
        PostReview.Checked checked = review.check(access, request);
        Instant now = clock.instant();
        Post post = new Post();
        post.id = UUID.randomUUID();
        post.workspaceId = access.workspace();
        post.createdBy = access.userId();
        post.createdAt = now;
        writer.apply(post, request, checked, now);
        post.persist();
        writer.writeTargets(post, request, checked, now, List.of());
        writer.writeMedia(post.id, request.mediaList());
        em.flush();
        if (PostStatus.PENDING_APPROVAL.equals(post.status)) {
            audit.record(access, "approval.requested", "post", post.id, Map.of());
            events.approvalRequested(post.id);
        }
        events.statusChanged(post.id, null, post.status);
        return views.of(post);
    }

    /**
     * The dry run of {@link #create}: the same checks, the same live reads (a creator's settings), nothing stored,
     * no event; what would be saved and published, and every broken rule.
     */
    @Transactional
    public PostCheck dryRun(Access access, PostRequest request) {
        PostReview.Review checked = review.review(access, request);
        List<FieldError> errors = new ArrayList<>(checked.errors());
        String status = checked.status();
        if (errors.isEmpty() && PostStatus.SCHEDULED.equals(status)) {
            try {
                status = review.scheduledStatus(access);
            } catch (Problems.Forbidden refused) {
                errors.add(new FieldError("status", refused.getMessage(), "not_allowed"));
            }
        }
        List<PostCheck.TargetCheck> targets = new ArrayList<>();
        for (int i = 0; i < request.targetList().size(); i++) {
            PostRequest.TargetRequest target = request.targetList().get(i);
            TargetAccount account = checked.accounts().get(target.connectionId());
            if (account == null) {
                continue;
            }
            String text = target.content() != null ? target.content() : request.content();
            TextCounting counting = modules.of(account.platform()).rules().counting();
            String prefix = "targets[" + i + "]";
            targets.add(new PostCheck.TargetCheck(
                    i, target.connectionId(), account.platform().key(), text, counting.count(text),
                    account.rules().textLimit(), counting.name(),
                    checked.attached().stream().map(MediaView::id).toList(), target.optionMap(),
                    checked.fitted().getOrDefault(i, List.of()), checked.creators().get(i),
                    account.active() ? live.publishingQuota(account.connectionId()).orElse(null) : null,
                    errors.stream().filter(e -> e.field().equals(prefix) || e.field().startsWith(prefix + "."))
                            .toList()));
        }
        return new PostCheck(errors.isEmpty(), status, errors, targets);
    }

    @Transactional
    public PostView update(Access access, UUID postId, PostRequest request) {
        PostHistory.actor(em, access, null);
        Post post = Post.owned(postId, access.workspace());
        PostReview.Checked checked = review.check(access, request);
        post.lockForChange();
        List<PublishTarget> existing = PublishTarget.ofPost(post.id);
        if (existing.stream().anyMatch(t -> !TargetLifecycle.allows(TargetLifecycle.Change.EDIT, t.status,
                                                                     PostStatus.TARGET_PENDING))) {
            throw new Problems.Conflict("This post is being published or was published; it can no longer be edited.");
        }
        String before = post.status;
        boolean wasWaiting = PostStatus.PENDING_APPROVAL.equals(before);
        Instant now = clock.instant();
        writer.apply(post, request, checked, now);
        writer.writeTargets(post, request, checked, now, existing);
        writer.replaceMedia(post.id, request.mediaList());
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

    @Transactional
    public void delete(UUID workspaceId, UUID postId) {
        Post post = Post.owned(postId, workspaceId);
        post.lockForChange();
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
        Post post = Post.owned(postId, access.workspace());
        post.lockForChange();
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
        Post post = Post.owned(postId, access.workspace());
        PublishTarget target = PublishTarget.<PublishTarget>find("id = ?1 and postId = ?2", targetId, post.id)
                .firstResultOptional().orElseThrow(() -> new Problems.NotFound("The target"));
        TargetAccount account = connections.findOwned(post.workspaceId, Set.of(target.connectionId))
                .get(target.connectionId);
        post.lockForChange();
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

    /** Disconnecting an account cancels what waited to go out through it; 409 while it is publishing. */
    void onConnectionRemoved(@Observes ConnectionRemoved event) {
        try {
            states.cancelForRemovedConnection(event.connectionId(), clock.instant());
        } catch (TargetStates.TargetPublishing publishing) {
            throw new Problems.Conflict("A post is being published to this account right now; disconnect it when that"
                                        + " has finished (seconds, usually).");
        }
    }

    private String hash(PostRequest request) {
        try {
            return Sha256.hex(json.writeValueAsString(request));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize a post request", e);
        }
    }
}
