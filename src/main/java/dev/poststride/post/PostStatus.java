package dev.poststride.post;

import java.util.Collection;

/**
 * Post and target statuses. A post's status is the server's: a client asks only for {@code draft} or
 * {@code scheduled} (which becomes {@code pending_approval} where the workspace wants approval); from then on it
 * follows from its targets.
 */
public final class PostStatus {

    public static final String DRAFT = "draft";
    /** Scheduled by someone who needs approval first: the engine leaves it alone until an editor approves it. */
    public static final String PENDING_APPROVAL = "pending_approval";
    public static final String SCHEDULED = "scheduled";
    public static final String PUBLISHING = "publishing";
    public static final String PUBLISHED = "published";
    public static final String PARTIALLY_PUBLISHED = "partially_published";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";

    public static final String TARGET_PENDING = "pending";
    public static final String TARGET_PUBLISHING = "publishing";
    public static final String TARGET_PUBLISHED = "published";
    public static final String TARGET_FAILED = "failed";
    public static final String TARGET_CANCELLED = "cancelled";

    private PostStatus() {
    }

    /**
     * The status of a scheduled post from its targets': publishing while any is; scheduled while some wait; then
     * published, partially published or failed by what happened; cancelled when every target was cancelled.
     */
    public static String derive(Collection<String> targetStatuses) {
        if (targetStatuses.isEmpty() || targetStatuses.stream().allMatch(TARGET_CANCELLED::equals)) {
            return CANCELLED;
        }
        if (targetStatuses.contains(TARGET_PUBLISHING)) {
            return PUBLISHING;
        }
        if (targetStatuses.contains(TARGET_PENDING)) {
            return SCHEDULED;
        }
        boolean published = targetStatuses.contains(TARGET_PUBLISHED);
        boolean failed = targetStatuses.contains(TARGET_FAILED);
        if (published && failed) {
            return PARTIALLY_PUBLISHED;
        }
        return published ? PUBLISHED : FAILED;
    }
}
