package dev.poststride.post;

import dev.poststride.common.Problems;
import dev.poststride.media.MediaRemoved;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.util.UUID;

/**
 * Posts' side of deleting media: a media item a scheduled or publishing post uses (attached, in an X thread's part,
 * or as a reel's cover) is refused to the delete; drafts and finished posts that show it let go of it.
 */
@ApplicationScoped
class AttachedMedia {

    private final EntityManager em;

    AttachedMedia(EntityManager em) {
        this.em = em;
    }

    void onMediaRemoved(@Observes MediaRemoved removed) {
        if (removed.workspaceClosing()) {
            // One statement however many items: no list of ids, so no bound on how many parameters it takes.
            em.createNativeQuery("delete from post_media where media_id in (select id from media"
                                 + " where workspace_id = ?1)")
                    .setParameter(1, removed.workspaceId()).executeUpdate();
            return;
        }
        refuseIfGoingOut(removed.workspaceId(), removed.mediaId());
        em.createNativeQuery("delete from post_media where media_id = ?1").setParameter(1, removed.mediaId())
                .executeUpdate();
    }

    private void refuseIfGoingOut(UUID workspaceId, UUID id) {
        Number inUse = (Number) em.createNativeQuery(
                        "select (select count(*) from post_media pm join posts p on p.id = pm.post_id"
                        + "   where pm.media_id = ?1 and p.status in ('scheduled', 'publishing'))"
                        + " + (select count(*) from post_platforms pp join posts p on p.id = pp.post_id"
                        + "   where p.workspace_id = ?2 and p.status in ('scheduled', 'publishing')"
                        + "   and (jsonb_path_exists(pp.options, '$.thread[*].media_ids[*] ? (@ == $id)',"
                        + "                          jsonb_build_object('id', cast(?1 as text)))"
                        + "        or pp.options ->> 'reel_cover_media_id' = cast(?1 as text)))")
                .setParameter(1, id).setParameter(2, workspaceId).getSingleResult();
        if (inUse.longValue() > 0) {
            throw new Problems.Conflict("This media is attached to a post that is scheduled or being published;"
                                        + " remove it from the post or cancel the post first.");
        }
    }
}
