package dev.poststride.post;

import dev.poststride.common.Problems;
import dev.poststride.common.SqlValues;
import dev.poststride.post.PostLifecycle.Change;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The one writer of a post's status, on the entity (a person's create, edit, approval) and in SQL (whatever follows
 * from its targets), always as {@link PostLifecycle} allows. Callers hold the post's lock (the engine's claim holds
 * it through {@code SKIP LOCKED}); one lock order everywhere: the post, then its targets.
 */
@ApplicationScoped
class PostStates {

    /** A post's status before and after a write (the same when the table kept it; both null for no post). */
    record StatusChange(String from, String to) {
    }

    private final EntityManager em;

    PostStates(EntityManager em) {
        this.em = em;
    }

    /** A person's change on a post they hold: {@code to} when the table allows it from the post's status, else 409. */
    void set(Post post, Change change, String to) {
        if (!PostLifecycle.allows(change, post.status, to)) {
            throw new Problems.Conflict("This post is " + post.status + "; it cannot become " + to + " now.");
        }
        post.status = to;
    }

    void lock(UUID postId) {
        em.createNativeQuery("select id from posts where id = ?1 for update").setParameter(1, postId).getResultList();
    }

    String status(UUID postId) {
        return (String) em.createNativeQuery("select status from posts where id = ?1").setParameter(1, postId)
                .getSingleResult();
    }

    /** Posts whose due targets the engine just claimed are publishing (those still scheduled; locked by the claim). */
    void claimed(Collection<UUID> posts, Instant now) {
        em.createNativeQuery("update posts set status = ?3, updated_at = ?2, version = version + 1"
                             + " where id in (?1) and status in (?4)")
                .setParameter(1, posts).setParameter(2, Timestamp.from(now)).setParameter(3, PostStatus.PUBLISHING)
                .setParameter(4, PostLifecycle.sources(Change.CLAIM, PostStatus.PUBLISHING)).executeUpdate();
    }

    /** The post's status from its targets' now ({@link PostStatus#derive}), after {@code change} to one of them. */
    @SuppressWarnings("unchecked")
    StatusChange followTargets(UUID postId, Change change, Instant now) {
        List<Object[]> targets = em.createNativeQuery(
                        "select status, published_at from post_platforms where post_id = ?1")
                .setParameter(1, postId).getResultList();
        Instant lastPublished = targets.stream().map(t -> SqlValues.instant(t[1])).filter(Objects::nonNull)
                .max(Instant::compareTo).orElse(null);
        return write(postId, change, PostStatus.derive(targets.stream().map(t -> (String) t[0]).toList()),
                     lastPublished, now);
    }

    /**
     * Writes {@code status} (derived from the targets' by the caller) where the table lets {@code change} reach it from
     * the post's status, which only the statement knows; the post is touched (its version too) either way, as its
     * targets changed. The status before comes from the statement's own snapshot, for the post's event.
     */
    @SuppressWarnings("unchecked")
    StatusChange write(UUID postId, Change change, String status, Instant lastPublished, Instant now) {
        List<String> sources = PostLifecycle.sources(change, status);
        boolean published = status.equals(PostStatus.PUBLISHED) || status.equals(PostStatus.PARTIALLY_PUBLISHED);
        String allowed = sources.isEmpty() ? "false" : "status in (?6)";
        var update = em.createNativeQuery(
                        "with before as (select status from posts where id = ?1)"
                        + " update posts set status = case when " + allowed + " then ?2 else status end,"
                        + " published_at = case when " + allowed + " and ?4 then ?5 else published_at end,"
                        + " updated_at = ?3, version = version + 1 where id = ?1"
                        + " returning (select status from before), status")
                .setParameter(1, postId).setParameter(2, status).setParameter(3, Timestamp.from(now))
                .setParameter(4, published)
                .setParameter(5, lastPublished == null ? null : Timestamp.from(lastPublished));
        if (!sources.isEmpty()) {
            update.setParameter(6, sources);
        }
        List<Object[]> written = update.getResultList();
        return written.isEmpty() ? new StatusChange(null, null)
                : new StatusChange((String) written.get(0)[0], (String) written.get(0)[1]);
    }
}
