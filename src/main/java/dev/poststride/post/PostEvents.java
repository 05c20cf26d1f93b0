package dev.poststride.post;

import dev.poststride.event.EventType;
import dev.poststride.event.Outbox;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;

/**
 * The events of a post's changes, written in the transaction that makes them (see {@link Outbox}): a target that
 * ended an attempt, the post reaching a status clients follow, approvals. Each carries the post, or the target, as
 * the API shows it at that moment (read once per change, inside the transaction, so it shows the change).
 */
@ApplicationScoped
class PostEvents {

    /** A target's event: the target as the API shows it, and its post. */
    @RegisterForReflection
    record TargetEvent(UUID postId, PostView.TargetView target) {
    }

    /** An approval decision: approved or rejected, the reviewer's comment, and the post as it now is. */
    @RegisterForReflection
    record ApprovalDecision(String decision, String comment, PostView post) {
    }

    private static final Map<String, EventType> POST_STATUS_EVENTS = Map.of(
            PostStatus.SCHEDULED, EventType.POST_SCHEDULED,
            PostStatus.PUBLISHED, EventType.POST_PUBLISHED,
            PostStatus.PARTIALLY_PUBLISHED, EventType.POST_PARTIALLY_PUBLISHED,
            PostStatus.FAILED, EventType.POST_FAILED,
            PostStatus.CANCELLED, EventType.POST_CANCELLED);

    private static final Map<String, EventType> TARGET_STATUS_EVENTS = Map.of(
            PostStatus.TARGET_PUBLISHED, EventType.TARGET_PUBLISHED,
            PostStatus.TARGET_FAILED, EventType.TARGET_FAILED,
            PostStatus.TARGET_PENDING, EventType.TARGET_RETRYING);

    private final PostViews views;
    private final Outbox outbox;

    PostEvents(PostViews views, Outbox outbox) {
        this.views = views;
        this.outbox = outbox;
    }

    /**
     * After an attempt of {@code targetId} ended with the target in {@code targetStatus} (pending: it retries) and
     * the post perhaps moved from {@code postFrom} to {@code postTo}.
     */
    void attemptEnded(UUID postId, UUID targetId, String targetStatus, String postFrom, String postTo) {
        EventType targetEvent = TARGET_STATUS_EVENTS.get(targetStatus);
        // A post waiting for a retry is back to "scheduled"; target.retrying says so, not a second post.scheduled.
        EventType postEvent = PostStatus.SCHEDULED.equals(postTo) ? null : postEvent(postFrom, postTo);
        if (targetEvent == null && postEvent == null) {
            return;
        }
        views.forEvent(postId).ifPresent(post -> {
            if (targetEvent != null) {
                post.view().targets().stream().filter(t -> t.id().equals(targetId)).findFirst().ifPresent(
                        target -> outbox.record(post.workspaceId(), targetEvent, new TargetEvent(postId, target)));
            }
            if (postEvent != null) {
                outbox.record(post.workspaceId(), postEvent, post.view());
            }
        });
    }

    /** After the post's status moved from {@code from} to {@code to} (an event when clients follow {@code to}). */
    void statusChanged(UUID postId, String from, String to) {
        EventType event = postEvent(from, to);
        if (event != null) {
            views.forEvent(postId).ifPresent(post -> outbox.record(post.workspaceId(), event, post.view()));
        }
    }

    /** A scheduled post was rescheduled or its targets changed while it stays scheduled: clients hear it again. */
    void rescheduled(UUID postId) {
        views.forEvent(postId).ifPresent(post -> outbox.record(post.workspaceId(), EventType.POST_SCHEDULED,
                                                               post.view()));
    }

    void approvalRequested(UUID postId) {
        views.forEvent(postId).ifPresent(post -> outbox.record(post.workspaceId(), EventType.APPROVAL_REQUESTED,
                                                               post.view()));
    }

    void approvalDecided(UUID postId, String decision, String comment) {
        views.forEvent(postId).ifPresent(post -> outbox.record(
                post.workspaceId(), EventType.APPROVAL_DECIDED, new ApprovalDecision(decision, comment, post.view())));
    }

    private static EventType postEvent(String from, String to) {
        return to == null || to.equals(from) ? null : POST_STATUS_EVENTS.get(to);
    }
}
