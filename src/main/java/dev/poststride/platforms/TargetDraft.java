package dev.poststride.platforms;

import dev.poststride.media.MediaView;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One target of a post being saved, as a module's {@link PostingRules#check} sees it; the post service provides it.
 * Errors name fields from {@link #field()} ({@code targets[0]}) on.
 */
public interface TargetDraft {

    /** {@code targets[i]}. */
    String field();

    /** Its text (the post's, or the target's own). */
    String text();

    /** The platform's text limit, as the catalogue has it ({@code social_platforms.text_limit}). */
    int textLimit();

    /** Its options, which passed the generic checks of their kinds. */
    Map<String, Object> options();

    /** The post's media, in order. */
    List<MediaView> media();

    /** Whether the post is being scheduled (drafts are only checked for what they hold). */
    boolean scheduling();

    /**
     * The account's posting settings as the platform reports them now (TikTok's creator_info), when its connection is
     * active and the platform answers; shown by the dry run too.
     */
    Optional<CreatorInfo> creator();
}
