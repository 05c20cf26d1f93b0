package dev.poststride.media;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Media in a directory ({@code poststride.media.storage-dir}): written to a temporary file beside the target and
 * moved into place, so a reader never sees half a file and a failed write leaves nothing behind.
 */
@ApplicationScoped
class LocalDirectoryStorage implements MediaStorage {

    private final Path root;

    LocalDirectoryStorage(MediaConfig config) {
        this.root = Path.of(config.storageDir()).toAbsolutePath().normalize();
    }

    @Override
    public void store(String key, InputStream content) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(".partial-" + UUID.randomUUID());
        try {
            Files.copy(content, partial);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
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
                if (file.getFileName().toString().startsWith(".partial-")) {
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
