package dev.poststride.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Where media bytes live, by key: a local directory ({@link LocalDirectoryStorage}) or an S3-compatible bucket
 * ({@link S3Storage}), chosen by {@code poststride.media.storage}. Uploads stream into a {@link Writer} as they
 * arrive, so neither store ever holds a whole file in memory.
 */
public interface MediaStorage {

    /**
     * Starts an object under {@code key}. Bytes written go to the store as they come; {@link Writer#commit()} makes
     * the object visible, and closing the writer without committing leaves nothing behind.
     */
    Writer create(String key, String contentType) throws IOException;

    InputStream open(String key) throws IOException;

    /** Removes the object; absent is fine. */
    void delete(String key) throws IOException;

    /** Removes an object nothing refers to any more; a failure is only logged (the orphan sweep retries it). */
    default void deleteQuietly(String key) {
        try {
            delete(key);
        } catch (IOException e) {
            Logger.getLogger(MediaStorage.class).warnf("Could not delete stored media %s; it is no longer referenced",
                                                       key);
        }
    }

    /**
     * Calls {@code each} with the key of every object stored before {@code cutoff}, and drops the store's own
     * leftovers from before it (partial writes of a process that died mid-upload).
     */
    void forEachStoredBefore(Instant cutoff, Consumer<String> each) throws IOException;

    /**
     * A URL that any host can fetch the object from for {@code ttl} without going through this service (an S3
     * pre-signed GET), where the store can give one.
     */
    default Optional<String> presignedGet(String key, Duration ttl) {
        return Optional.empty();
    }

    /** An object being written: all of it becomes visible on {@link #commit()}, or none of it. */
    abstract class Writer extends OutputStream {

        private boolean committed;

        /** Makes what was written the object; after this, {@link #close()} keeps it. */
        public final void commit() throws IOException {
            finish();
            committed = true;
        }

        /** Closing an uncommitted writer aborts it: nothing of it stays in the store. */
        @Override
        public final void close() throws IOException {
            if (!committed) {
                abort();
            }
        }

        protected abstract void finish() throws IOException;

        protected abstract void abort() throws IOException;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public abstract void write(byte[] bytes, int offset, int length) throws IOException;
    }
}
