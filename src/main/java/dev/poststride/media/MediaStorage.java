package dev.poststride.media;

import java.io.IOException;
import java.io.InputStream;

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
}
