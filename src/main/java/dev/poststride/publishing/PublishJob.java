package dev.poststride.publishing;

import dev.poststride.media.MediaView;
import dev.poststride.platform.ConnectionCredentials.Credentials;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;

/** Everything an adapter needs to publish one target. */
public record PublishJob(UUID targetId, UUID postId, int attempt, Credentials credentials, String text,
                         List<Attachment> media) {

    /** One medium of the post, in order: its facts, its bytes on demand, a signed URL for platforms that pull. */
    public record Attachment(MediaView media, ContentSource content, UrlSource pullUrl) {
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
    PublishJob with(Credentials refreshed) {
        return new PublishJob(targetId, postId, attempt, refreshed, text, media);
    }

    @Override
    public String toString() {
        return "PublishJob[target=" + targetId + ", attempt=" + attempt + ", " + credentials + "]";
    }
}
