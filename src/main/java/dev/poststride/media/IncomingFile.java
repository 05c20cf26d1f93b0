package dev.poststride.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.LongFunction;

/**
 * The bytes of an upload on their way to storage: whatever is read from it (by the probe, then the drain) is counted
 * against a limit, hashed and written on to the store's writer, so one pass over the body does all three. Past the
 * limit it throws at once, before the extra bytes reach storage.
 *
 * <p>A failure to read is the body's (an {@link IOException}: cut off, malformed); a failure to write is the
 * store's, thrown as {@link StorageFailed} so that it is never mistaken for the client's fault.
 */
final class IncomingFile extends InputStream {

    /** The store refused bytes: our failure, not the client's. */
    static final class StorageFailed extends UncheckedIOException {
        StorageFailed(IOException cause) {
            super("Media storage failed while an upload streamed in", cause);
        }
    }

    private final InputStream source;
    private final OutputStream sink;
    private final long limit;
    private final LongFunction<RuntimeException> overLimit;
    private final MessageDigest sha256;
    private final byte[] one = new byte[1];
    private long size;

    /**
     * @param overLimit the exception for a file longer than {@code limit}, given the bytes read so far
     */
    IncomingFile(InputStream source, OutputStream sink, long limit, LongFunction<RuntimeException> overLimit) {
        this.source = source;
        this.sink = sink;
        this.limit = limit;
        this.overLimit = overLimit;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() throws IOException {
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = source.read(buffer, offset, length);
        if (n <= 0) {
            return n;
        }
        size += n;
        if (size > limit) {
            throw overLimit.apply(size);
        }
        sha256.update(buffer, offset, n);
        try {
            sink.write(buffer, offset, n);
        } catch (IOException e) {
            throw new StorageFailed(e);
        }
        return n;
    }

    /** Skipped bytes are part of the file too: they are read through, never jumped over. */
    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(8192, Math.max(1, n))];
        long skipped = 0;
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    /** Reads the rest of the file through to storage. */
    void drain() throws IOException {
        transferTo(OutputStream.nullOutputStream());
    }

    long size() {
        return size;
    }

    /** The SHA-256 of everything read, in hex; call once, after {@link #drain()}. */
    String sha256() {
        return HexFormat.of().formatHex(sha256.digest());
    }
}
