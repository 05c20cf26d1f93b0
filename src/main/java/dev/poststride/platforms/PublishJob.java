package dev.poststride.platforms;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poststride.media.MediaView;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything an adapter needs to publish one target; {@code options} are the target's platform options, checked
 * when the post was saved ({@code TargetOptions}; an empty object when none were given). {@code threadMedia} holds
 * the media of each part of an X thread ({@code options.thread}), in the parts' order (empty for text-only parts and
 * for every other target). {@code optionMedia} holds the media that options name by id (an Instagram reel's
 * {@code reel_cover_media_id}), by that id.
 */
public record PublishJob(UUID targetId, UUID postId, int attempt, Credentials credentials, String text,
                         JsonNode options, List<Attachment> media, List<List<Attachment>> threadMedia,
                         Map<UUID, Attachment> optionMedia, boolean resend, String checkpoint,
                         Checkpoints checkpoints) {

    /**
     * Stores what an adapter must remember to check the outcome later (written at once, in its own transaction), and
     * knows the last value this attempt stored: only the attempt holding the lease writes it.
     */
    public interface Checkpoints {
        void save(UUID targetId, String checkpoint);

        String latest();
    }

    /** Remembers {@code value} for this target before a step whose outcome may have to be checked later. */
    public void remember(String value) {
        checkpoints.save(targetId, value);
    }

    /**
     * One medium of the post, in order: its facts, its bytes on demand, and URLs for platforms that pull media:
     * one any host may serve (Instagram, Facebook), one on a domain verified with the platform (TikTok).
     */
    public record Attachment(MediaView media, ContentSource content, UrlSource anyHostUrl,
                             UrlSource verifiedDomainUrl) {
    }

    @FunctionalInterface
    public interface ContentSource {
        InputStream open() throws IOException;
    }

    @FunctionalInterface
    public interface UrlSource {
        String get();
    }

    /** The same job with other credentials (after a token refresh). */
    public PublishJob with(Credentials refreshed) {
        return new PublishJob(targetId, postId, attempt, refreshed, text, options, media, threadMedia, optionMedia,
                              resend, checkpoint, checkpoints);
    }

    /** The same job with the checkpoint as stored now (an adapter may have written one during this attempt). */
    public PublishJob current() {
        return new PublishJob(targetId, postId, attempt, credentials, text, options, media, threadMedia, optionMedia,
                              resend, checkpoints.latest(), checkpoints);
    }

    /**
     * The same job sent again after its post was looked for and not found. Platforms that refuse identical content
     * (LinkedIn's DUPLICATE_POST) may then read that refusal as "the first one landed".
     */
    public PublishJob asResend() {
        return new PublishJob(targetId, postId, attempt, credentials, text, options, media, threadMedia, optionMedia,
                              true, checkpoint, checkpoints);
    }

    @Override
    public String toString() {
        return "PublishJob[target=" + targetId + ", attempt=" + attempt + ", " + credentials + "]";
    }
}
