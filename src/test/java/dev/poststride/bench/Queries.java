package dev.poststride.bench;

/**
 * The SQL that scenario 6 explains, as the service runs it. Copies (the service's classes are package-private):
 * keep them in step with {@code PostViews.page} (the listing) and {@code TargetLeases.claim} (the claim).
 */
final class Queries {

    private Queries() {
    }

    private static String micros(String column) {
        return "(extract(epoch from " + column + ") * 1000000)::bigint";
    }

    /** One page (20) of a user's posts with its total, targets and media. Parameters: the user's id, twice. */
    static final String LIST_PAGE =
            "select p.id, p.content, p.status, p.scheduled_at, p.published_at, p.created_at, p.updated_at,"
            + " (select json_agg(json_build_array(pp.id, pp.user_platform_id, sp.key, pp.content_override, pp.status,"
            + "         pp.platform_post_id, pp.permalink, " + micros("pp.published_at") + ", pp.attempts, "
            + micros("pp.next_attempt_at") + ", pp.last_error_code, pp.last_error_message,"
            + "         pp.last_error_retryable) order by pp.position, pp.created_at, pp.id)"
            + "    from post_platforms pp join user_platforms up on up.id = pp.user_platform_id"
            + "    join social_platforms sp on sp.id = up.platform_id where pp.post_id = p.id) as targets,"
            + " (select json_agg(json_build_array(m.id, m.media_type, m.mime_type, pm.position, m.width, m.height,"
            + "         m.duration_ms) order by pm.position)"
            + "    from post_media pm join media m on m.id = pm.media_id where pm.post_id = p.id) as media,"
            + " (select count(*) from posts p where p.user_id = ?) as total"
            + " from (select p.* from posts p where p.user_id = ?"
            + "       order by p.scheduled_at desc nulls last, p.created_at desc, p.id desc limit 20 offset 0) p"
            + " order by p.scheduled_at desc nulls last, p.created_at desc, p.id desc";

    /** The due targets one claim of 64 takes, locked as the claim locks them. */
    static final String CLAIM = "select pp.id, pp.status as was from post_platforms pp"
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
