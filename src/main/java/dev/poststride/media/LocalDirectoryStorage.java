package dev.poststride.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Media in a directory ({@code poststride.media.storage-dir}): written to a partial file beside the target and
 * moved into place on commit, so a reader never sees half a file and an aborted write leaves nothing behind.
 */
final class LocalDirectoryStorage implements MediaStorage {

    private static final String PARTIAL_PREFIX = ".partial-";

    private final Path root;

    LocalDirectoryStorage(String directory) {
        this.root = Path.of(directory).toAbsolutePath().normalize();
    }

    @Override
    public Writer create(String key, String contentType) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(PARTIAL_PREFIX + UUID.randomUUID());
        OutputStream out = Files.newOutputStream(partial);
        return new Writer() {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            protected void finish() throws IOException {
                out.close();
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }

            @Override
            protected void abort() throws IOException {
                try {
                    out.close();
                } finally {
                    Files.deleteIfExists(partial);
                }
            }
        };
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(resolve(key));
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(resolve(key));
    }

    @Override
    public void forEachStoredBefore(Instant cutoff, Consumer<String> each) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (Files.getLastModifiedTime(file).toInstant().isAfter(cutoff)) {
                    continue;
                }
                if (file.getFileName().toString().startsWith(PARTIAL_PREFIX)) {
                    Files.deleteIfExists(file);
                } else {
                    each.accept(root.relativize(file).toString().replace(java.io.File.separatorChar, '/'));
                }
            }
        }
    }

    private Path resolve(String key) {
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("Storage key leaves the storage directory");
        }
        return path;
    }
}
