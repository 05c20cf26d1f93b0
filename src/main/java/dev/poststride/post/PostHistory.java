package dev.poststride.post;

import dev.poststride.common.SqlValues;
import dev.poststride.common.access.Access;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A post's status changes, recorded by the database itself (the V10 trigger on {@code posts}) whoever makes them.
 * A request names itself first thing in its transaction ({@link #actor}); a change made without that is the
 * publishing engine's.
 */
public final class PostHistory {

    /** One change of a post's status: from what to what, by whom, why, when. */
    public record Entry(UUID id, String fromStatus, String toStatus, UUID actorUserId, UUID actorKeyId, String comment,
                 Instant createdAt) {
    }

    private PostHistory() {
    }

    /** Names the caller (and a comment) for the status changes of this transaction; call before any write. */
    static void actor(EntityManager em, Access access, String comment) {
        em.createNativeQuery("select set_config('poststride.actor_user', ?1, true),"
                             + " set_config('poststride.actor_key', ?2, true),"
                             + " set_config('poststride.comment', ?3, true)")
                .setParameter(1, access.userId().toString())
                .setParameter(2, access.keyId().map(UUID::toString).orElse(""))
                .setParameter(3, comment == null ? "" : comment).getSingleResult();
    }

    @SuppressWarnings("unchecked")
    static List<Entry> of(EntityManager em, UUID postId) {
        List<Object[]> rows = em.createNativeQuery(
                        "select id, from_status, to_status, actor_user_id, actor_key_id, comment, created_at"
                        + " from post_history where post_id = ?1 order by created_at, id")
                .setParameter(1, postId).getResultList();
        return rows.stream().map(r -> new Entry((UUID) r[0], (String) r[1], (String) r[2], (UUID) r[3], (UUID) r[4],
                                                (String) r[5], SqlValues.instant(r[6]))).toList();
    }

    /** Who last submitted the post for approval, if anyone did. */
    static Optional<UUID> submitter(EntityManager em, UUID postId) {
        @SuppressWarnings("unchecked")
        List<UUID> who = em.createNativeQuery("select actor_user_id from post_history where post_id = ?1"
                                              + " and to_status = 'pending_approval' and actor_user_id is not null"
                                              + " order by created_at desc, id desc limit 1")
                .setParameter(1, postId).getResultList();
        return who.stream().findFirst();
    }
}
