package dev.poststride.post;

import dev.poststride.common.Problems;
import dev.poststride.common.access.Access;
import dev.poststride.workspace.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** An editor's decision on a post awaiting approval: approved (scheduled, or draft if its time passed) or rejected. */
@ApplicationScoped
public class PostApprovals {

    private final PostViews views;
    private final TargetStates states;
    private final AuditLog audit;
    private final PostEvents events;
    private final EntityManager em;
    private final Clock clock;
    private final PostStates posts;

    PostApprovals(PostViews views, TargetStates states, AuditLog audit, PostEvents events, EntityManager em,
                  Clock clock, PostStates posts) {
        this.posts = posts;
        this.views = views;
        this.states = states;
        this.audit = audit;
        this.events = events;
        this.em = em;
        this.clock = clock;
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
        posts.set(post, PostLifecycle.Change.APPROVE, stillAhead ? PostStatus.SCHEDULED : PostStatus.DRAFT);
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
        posts.set(post, PostLifecycle.Change.REJECT, PostStatus.DRAFT);
        post.updatedAt = clock.instant();
        em.flush();
        audit.record(access, "approval.decided", "post", post.id,
                     Map.of("decision", "rejected", "comment", comment == null ? "" : comment));
        events.approvalDecided(post.id, "rejected", comment);
        return views.of(post);
    }

    private Post awaitingApproval(Access access, UUID postId) {
        Post post = Post.owned(postId, access.workspace());
        post.lockForChange();
        if (!PostStatus.PENDING_APPROVAL.equals(post.status)) {
            throw new Problems.Conflict("This post is " + post.status + ", not awaiting approval.");
        }
        return post;
    }
}
