package dev.poststride.post;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poststride.media.FitSpec;
import dev.poststride.media.MediaRenditions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Stores a checked request on a post, in the caller's transaction: its fields, its targets (kept where their
 * connection stays, so their ids do not change), its media, and the copies its targets need, made once committed.
 */
@ApplicationScoped
class PostWriter {

    private final MediaRenditions copies;
    private final TransactionSynchronizationRegistry transactions;
    private final ObjectMapper json;
    private final EntityManager em;
    private final PostStates states;

    PostWriter(MediaRenditions copies, TransactionSynchronizationRegistry transactions, ObjectMapper json,
               EntityManager em, PostStates states) {
        this.copies = copies;
        this.transactions = transactions;
        this.json = json;
        this.em = em;
        this.states = states;
    }

    /** The request's fields on {@code post} (persisted by the caller when new). */
    void apply(Post post, PostRequest request, PostReview.Checked checked, Instant now) {
        post.content = request.content();
        states.set(post, post.status == null ? PostLifecycle.Change.CREATE : PostLifecycle.Change.EDIT,
                   checked.status());
        post.scheduledAt = checked.scheduledAt();
        post.publishedAt = null;
        post.updatedAt = now;
    }

    /** Keeps targets whose connection stays (their ids do not change), removes the others, adds the new ones. */
    void writeTargets(Post post, PostRequest request, PostReview.Checked checked, Instant now,
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
            target.options = toJson(wanted.optionMap());
            List<FittedMedia> fitted = checked.fitted().get(position);
            target.fittedMedia = fitted == null ? null : toJson(fitted.stream().map(FittedMedia::stored).toList());
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

    /** An edited post's media, in order, instead of what it had. */
    void replaceMedia(UUID postId, List<UUID> mediaIds) {
        em.createNativeQuery("delete from post_media where post_id = ?1").setParameter(1, postId).executeUpdate();
        writeMedia(postId, mediaIds);
    }

    /** A new post's media, in order. */
    void writeMedia(UUID postId, List<UUID> mediaIds) {
        for (int i = 0; i < mediaIds.size(); i++) {
            em.createNativeQuery("insert into post_media (post_id, media_id, position) values (?1, ?2, ?3)")
                    .setParameter(1, postId).setParameter(2, mediaIds.get(i)).setParameter(3, i).executeUpdate();
        }
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

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Target options could not be written as JSON", e);
        }
    }
}
