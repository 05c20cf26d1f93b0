package dev.poststride.bench;

import dev.poststride.post.PostViews;

/**
 * The SQL that scenario 6 explains, as the service runs it: the listing from {@link PostViews} itself, the claim a
 * copy of the selection inside {@code TargetClaims}' claim of due targets (keep it in step).
 */
final class Queries {

    private Queries() {
    }

    /** One page (20) of a user's posts with its total, targets and media. Parameters: user id, user id, 20, 0. */
    static final String LIST_PAGE = PostViews.unfilteredPageSql();

    /** The due targets of one platform a claim of 64 takes, locked as the claim locks them. */
    static final String CLAIM = "select pp.id from post_platforms pp join posts p on p.id = pp.post_id"
                                + " where pp.status = 'pending' and pp.platform = 'x' and pp.next_attempt_at <= now()"
                                + " and p.status in ('scheduled', 'publishing')"
                                + " order by pp.next_attempt_at, pp.post_id, pp.id limit 64"
                                + " for update of pp, p skip locked";

    /**
     * The first engine's claim selection (before the continuous dispatcher), kept to measure in the same run what
     * the rewrite changed: its {@code OR} and {@code nulls first} made PostgreSQL sort the whole due backlog.
     */
    static final String FIRST_ENGINE_CLAIM = "select pp.id, pp.status as was from post_platforms pp"
                                             + " join posts p on p.id = pp.post_id"
                                             + " join user_platforms up on up.id = pp.user_platform_id"
                                             + " join social_platforms sp on sp.id = up.platform_id"
                                             + " where sp.key in ('x', 'linkedin', 'facebook', 'instagram', 'tiktok')"
                                             + " and ((pp.status = 'pending' and pp.next_attempt_at <= now()"
                                             + "       and p.status in ('scheduled', 'publishing'))"
                                             + "   or (pp.status = 'publishing' and pp.lease_expires_at < now()))"
                                             + " order by pp.next_attempt_at nulls first, pp.id limit 64"
                                             + " for update of pp skip locked";
}
