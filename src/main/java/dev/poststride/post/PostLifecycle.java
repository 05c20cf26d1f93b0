package dev.poststride.post;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A post's statuses and every change that may move them, in one table: what each change may turn each status into.
 * {@link PostStates} is the one writer of a post's status; it refuses (in Java) or skips (in SQL, where the status
 * before is only known to the statement) whatever the table does not list. PostLifecycleTest walks every change from
 * every status through the code that makes it, so the table and the code cannot drift apart. A change from a status
 * the table does not list for it leaves the post as it is (or is refused).
 *
 * <p>Once scheduled, a post's status follows from its targets' ({@link PostStatus#derive}); the table says which of
 * those derived statuses each change can reach, and from which status.
 */
public final class PostLifecycle {

    public enum Status {
        DRAFT(PostStatus.DRAFT),
        PENDING_APPROVAL(PostStatus.PENDING_APPROVAL),
        SCHEDULED(PostStatus.SCHEDULED),
        PUBLISHING(PostStatus.PUBLISHING),
        PUBLISHED(PostStatus.PUBLISHED),
        PARTIALLY_PUBLISHED(PostStatus.PARTIALLY_PUBLISHED),
        FAILED(PostStatus.FAILED),
        CANCELLED(PostStatus.CANCELLED);

        public final String column;

        Status(String column) {
            this.column = column;
        }

        public static Status of(String column) {
            return Arrays.stream(values()).filter(s -> s.column.equals(column)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("Unknown post status '" + column + "'"));
        }
    }

    public enum Change {
        /** A person creates a post: it starts as one of {@link #created()}. */
        CREATE,
        /** A person edits the post (refused once a target is publishing or published). */
        EDIT,
        /** An editor approves a post awaiting approval: scheduled, or a draft again when its time has passed. */
        APPROVE,
        /** An editor rejects a post awaiting approval: a draft again. */
        REJECT,
        /** A person cancels what waits to be published. */
        CANCEL,
        /** The engine claims due targets of the post. */
        CLAIM,
        /** An attempt on one of the post's targets ends. */
        COMPLETE,
        /** A publish abandoned too often ends failed. */
        GIVE_UP,
        /** Disconnecting an account cancels the post's targets on it. */
        DISCONNECT,
        /** A person retries a failed target (or one cancelled by a disconnect). */
        RETRY
    }

    /** What the engine and a person's cancel, retry or disconnect can derive from the targets of a scheduled post. */
    private static final Status[] FOLLOWS_TARGETS = {Status.SCHEDULED, Status.PUBLISHING, Status.PUBLISHED,
                                                     Status.PARTIALLY_PUBLISHED, Status.FAILED, Status.CANCELLED};

    private static final Set<Status> CREATED = EnumSet.of(Status.DRAFT, Status.PENDING_APPROVAL, Status.SCHEDULED);

    private static final Map<Change, Map<Status, Set<Status>>> TABLE = new EnumMap<>(Change.class);

    static {
        for (Status from : List.of(Status.DRAFT, Status.PENDING_APPROVAL, Status.SCHEDULED, Status.FAILED,
                                   Status.CANCELLED)) {
            allow(Change.EDIT, from, CREATED.toArray(Status[]::new));
        }
        allow(Change.APPROVE, Status.PENDING_APPROVAL, Status.SCHEDULED, Status.DRAFT);
        allow(Change.REJECT, Status.PENDING_APPROVAL, Status.DRAFT);
        allow(Change.CANCEL, Status.DRAFT, Status.CANCELLED);
        allow(Change.CANCEL, Status.PENDING_APPROVAL, Status.CANCELLED);
        allow(Change.CANCEL, Status.SCHEDULED, Status.CANCELLED, Status.PUBLISHED, Status.PARTIALLY_PUBLISHED,
              Status.FAILED);
        allow(Change.CANCEL, Status.PUBLISHING, Status.PUBLISHING);
        allow(Change.CLAIM, Status.SCHEDULED, Status.PUBLISHING);
        allow(Change.COMPLETE, Status.PUBLISHING, Status.PUBLISHING, Status.SCHEDULED, Status.PUBLISHED,
              Status.PARTIALLY_PUBLISHED, Status.FAILED);
        allow(Change.GIVE_UP, Status.PUBLISHING, Status.PUBLISHING, Status.SCHEDULED, Status.PARTIALLY_PUBLISHED,
              Status.FAILED);
        // A draft keeps its status when its targets are cancelled; a post awaiting approval ends only when none is
        // left.
        allow(Change.DISCONNECT, Status.PENDING_APPROVAL, Status.PENDING_APPROVAL, Status.CANCELLED);
        for (Status from : List.of(Status.SCHEDULED, Status.PUBLISHING)) {
            allow(Change.DISCONNECT, from, FOLLOWS_TARGETS);
        }
        for (Status from : List.of(Status.FAILED, Status.PARTIALLY_PUBLISHED, Status.CANCELLED)) {
            allow(Change.RETRY, from, Status.SCHEDULED);
        }
    }

    /** {@link #sources}' answers, inverted once from the table (the engine asks on every attempt's end). */
    private static final Map<Change, Map<Status, List<String>>> SOURCES = new EnumMap<>(Change.class);

    static {
        for (Change change : Change.values()) {
            Map<Status, List<String>> byTarget = new EnumMap<>(Status.class);
            for (Status to : Status.values()) {
                byTarget.put(to, TABLE.getOrDefault(change, Map.of()).entrySet().stream()
                        .filter(e -> e.getValue().contains(to)).map(e -> e.getKey().column).toList());
            }
            SOURCES.put(change, byTarget);
        }
    }

    private PostLifecycle() {
    }

    private static void allow(Change change, Status from, Status... to) {
        TABLE.computeIfAbsent(change, c -> new EnumMap<>(Status.class)).put(from, EnumSet.copyOf(Arrays.asList(to)));
    }

    /** What a new post may start as. */
    public static Set<Status> created() {
        return EnumSet.copyOf(CREATED);
    }

    /** What {@code change} may turn {@code from} into; empty when it does not apply to {@code from}. */
    public static Set<Status> next(Change change, Status from) {
        return TABLE.getOrDefault(change, Map.of()).getOrDefault(from, EnumSet.noneOf(Status.class));
    }

    /** Whether {@code change} may turn {@code from} ({@code null} for a new post) into {@code to}. */
    public static boolean allows(Change change, String from, String to) {
        if (from == null) {
            return change == Change.CREATE && CREATED.contains(Status.of(to));
        }
        return change != Change.CREATE && next(change, Status.of(from)).contains(Status.of(to));
    }

    /**
     * The statuses {@code change} may turn into {@code to}, as column values: the {@code where status in (…)} of a
     * statement that writes {@code to} when it only learns the status before inside the database.
     */
    public static List<String> sources(Change change, String to) {
        return SOURCES.get(change).get(Status.of(to));
    }
}
