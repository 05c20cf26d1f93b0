package dev.poststride.post;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A target's statuses and every change between them, in one table: what each change may turn each status into.
 * {@link TargetClaims} (a claim, a take-over, giving up), {@link TargetStates} (an attempt's end, a person's changes,
 * in SQL) and {@link PostWriter} (an edit) make the changes; TargetLifecycleTest walks every change from every status against them, so the table and the code cannot
 * drift apart. A change from a status the table does not list for it leaves the target as it is (or is refused).
 */
public final class TargetLifecycle {

    public enum Status {
        PENDING(PostStatus.TARGET_PENDING),
        PUBLISHING(PostStatus.TARGET_PUBLISHING),
        PUBLISHED(PostStatus.TARGET_PUBLISHED),
        FAILED(PostStatus.TARGET_FAILED),
        CANCELLED(PostStatus.TARGET_CANCELLED);

        public final String column;

        Status(String column) {
            this.column = column;
        }

        public static Status of(String column) {
            return Arrays.stream(values()).filter(s -> s.column.equals(column)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("Unknown target status '" + column + "'"));
        }
    }

    public enum Change {
        /** The engine claims a due target. */
        CLAIM,
        /** Another instance takes over a publish whose lease expired. */
        TAKE_OVER,
        /** An attempt ends: published, back to pending for a retry, or failed. */
        COMPLETE,
        /** A publish abandoned too often (its lease expired after the last attempt) ends failed. */
        GIVE_UP,
        /** A person cancels what waits. */
        CANCEL,
        /** Disconnecting the account cancels what waits on it (and is refused while one is publishing). */
        CANCEL_FOR_REMOVED_CONNECTION,
        /** A person retries a failed target, or one cancelled by a disconnect (only those). */
        RETRY,
        /** A person edits the post: its targets start over (refused once one is publishing or published). */
        EDIT
    }

    private static final Map<Change, Map<Status, Set<Status>>> TABLE = new EnumMap<>(Change.class);

    static {
        allow(Change.CLAIM, Status.PENDING, Status.PUBLISHING);
        allow(Change.TAKE_OVER, Status.PUBLISHING, Status.PUBLISHING);
        allow(Change.COMPLETE, Status.PUBLISHING, Status.PUBLISHED, Status.PENDING, Status.FAILED);
        allow(Change.GIVE_UP, Status.PUBLISHING, Status.FAILED);
        allow(Change.CANCEL, Status.PENDING, Status.CANCELLED);
        allow(Change.CANCEL_FOR_REMOVED_CONNECTION, Status.PENDING, Status.CANCELLED);
        allow(Change.RETRY, Status.FAILED, Status.PENDING);
        allow(Change.RETRY, Status.CANCELLED, Status.PENDING);
        allow(Change.EDIT, Status.PENDING, Status.PENDING);
        allow(Change.EDIT, Status.FAILED, Status.PENDING);
        allow(Change.EDIT, Status.CANCELLED, Status.PENDING);
    }

    private TargetLifecycle() {
    }

    private static void allow(Change change, Status from, Status... to) {
        TABLE.computeIfAbsent(change, c -> new EnumMap<>(Status.class)).put(from, EnumSet.copyOf(Arrays.asList(to)));
    }

    /** What {@code change} may turn {@code from} into; empty when it does not apply to {@code from}. */
    public static Set<Status> next(Change change, Status from) {
        return TABLE.getOrDefault(change, Map.of()).getOrDefault(from, EnumSet.noneOf(Status.class));
    }

    /** The statuses {@code change} applies to, as column values: the {@code where status in (…)} of its statement. */
    public static List<String> sources(Change change) {
        return TABLE.getOrDefault(change, Map.of()).keySet().stream().map(s -> s.column).toList();
    }

    public static boolean allows(Change change, String from, String to) {
        return next(change, Status.of(from)).contains(Status.of(to));
    }
}
