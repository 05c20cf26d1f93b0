package dev.poststride.media;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Where media bytes live, by key. The local-directory implementation serves one machine or a shared volume; an
 * S3-compatible store implements the same three calls, and nothing else changes.
 */
public interface MediaStorage {

    /** Writes {@code content} under {@code key}, entirely or not at all. */
    void store(String key, InputStream content) throws IOException;

    InputStream open(String key) throws IOException;

    /** Removes the object; absent is fine. */
    void delete(String key) throws IOException;

    /**
     * Calls {@code each} with the key of every object stored before {@code cutoff}, and drops the store's own
     * leftovers from before it (partial writes of a process that died mid-upload).
     */
    void forEachStoredBefore(Instant cutoff, Consumer<String> each) throws IOException;
}
