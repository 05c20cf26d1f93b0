package dev.poststride.bench;

import dev.poststride.post.PostViews;

/**
 * The SQL that scenario 6 explains, as the service runs it: the listing from {@link PostViews} itself, the claim a
 * copy of the selection inside {@code TargetStates}' claim of due targets (keep it in step).
 */
final class Queries {

    private Queries() {
    }

    /** One page (20) of a user's posts with its total, targets and media. Parameters: user id, user id, 20, 0. */
    static final String LIST_PAGE = PostViews.unfilteredPageSql();

    /** The due targets one claim of 64 takes, locked as the claim locks them (the selection inside the claim). */
    static final String CLAIM = "select pp.id, sp.key from post_platforms pp"
                                + " join posts p on p.id = pp.post_id"
                                + " join user_platforms up on up.id = pp.user_platform_id"
                                + " join social_platforms sp on sp.id = up.platform_id"
                                + " where pp.status = 'pending' and pp.next_attempt_at <= now()"
                                + " and p.status in ('scheduled', 'publishing')"
                                + " and sp.key in ('x', 'linkedin', 'facebook', 'instagram', 'tiktok')"
                                + " order by pp.next_attempt_at, pp.post_id, pp.id limit 64"
                                + " for update of pp, p skip locked";
}
