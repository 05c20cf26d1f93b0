package dev.poststride.platforms;

import java.time.Instant;
import java.util.Optional;

/** One platform's whole publish: media uploads, the create call, and looking for a post that may exist. */
public interface PlatformPublisher {

    PlatformKey platform();

    /** Publishes; never throws for anything the platform or the network did — that is an {@link Outcome}. */
    Outcome publish(PublishJob job);

    /**
     * After an unknown outcome: whether this text was posted on the account since {@code since}. Empty when the
     * platform cannot tell (then nothing is resent).
     */
    Optional<Lookup> findExisting(PublishJob job, Instant since);

    /**
     * Posts {@code text} as a comment on the post just published ({@code platformPostId}); on X a reply. Called at
     * most once per target. Published carries the comment's id; any other outcome is the comment's failure only.
     */
    default Outcome comment(PublishJob job, String platformPostId, String text) {
        return new Outcome.ContentRejected("comments_not_supported", platform().key() + " takes no first comment");
    }

    /** What looking for an earlier post found. */
    sealed interface Lookup {
        record Found(String platformPostId, String permalink) implements Lookup {
        }

        record Absent() implements Lookup {
        }
    }
}
