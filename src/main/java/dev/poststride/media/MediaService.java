package dev.poststride.media;

import dev.poststride.common.Page;
import dev.poststride.common.Problems;
import dev.poststride.common.Sha256;
import dev.poststride.common.idempotency.IdempotencyKeys;
import dev.poststride.common.idempotency.IdempotencyKeys.Answer;
import dev.poststride.user.AccountClosing;
import dev.poststride.user.AccountExport;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The media library: uploads checked by their bytes and stored once per content, listing, download, deletion, and
 * signed pull URLs for platforms that fetch media themselves.
 */
@ApplicationScoped
public class MediaService {

    private static final int ORPHAN_BATCH = 500;
    private static final Logger LOG = Logger.getLogger(MediaService.class);
    static final String UPLOAD_SCOPE = "POST /api/media";

    private final MediaStorage storage;
    private final MediaConfig config;
    private final MediaUrlSigner signer;
    private final IdempotencyKeys idempotency;
    private final EntityManager em;
    private final Clock clock;

    MediaService(MediaStorage storage, MediaConfig config, MediaUrlSigner signer, IdempotencyKeys idempotency,
                 EntityManager em, Clock clock) {
        this.storage = storage;
        this.config = config;
        this.signer = signer;
        this.idempotency = idempotency;
        this.em = em;
        this.clock = clock;
    }

    /** A file the HTTP layer has received into a temporary file. */
    public record Upload(Path file, String originalFilename, String altText) {
    }

    /**
     * Stores an upload: 201 with the new item, or 200 with the item this user already has with the same bytes.
     * Kind and MIME type come from the bytes; the per-kind size limit is checked before anything is stored.
     */
    public Answer<MediaView> upload(UUID userId, Upload upload, String idempotencyKey) {
        if (upload.altText() != null && upload.altText().length() > 1000) {
            throw new Problems.Invalid("alt_text", "must be at most 1000 characters");
        }
        FileSniffer.Detected detected = FileSniffer.detect(head(upload.file())).orElseThrow(
                () -> new Problems.UnsupportedMediaType("The file is not an image, GIF, video, audio file or PDF that"
                                                        + " Post Stride recognizes from its content."));
        long size = size(upload.file());
        long limit = config.maxBytes(detected.type());
        if (size > limit) {
            throw new Problems.TooLarge("This " + detected.type().key() + " is " + size + " bytes; the limit for "
                                        + detected.type().key() + " files is " + limit + " bytes.");
        }
        Optional<MediaProbe.Dimensions> dimensions = imageDimensions(upload, detected);
        String sha256 = sha256(upload.file());
        String requestHash = Sha256.hex(sha256 + "|" + upload.altText() + "|" + upload.originalFilename());
        return idempotency.once(userId, UPLOAD_SCOPE, idempotencyKey, requestHash, MediaView.class,
                                () -> store(userId, upload, detected, size, sha256, dimensions));
    }

    /** 413 when {@code size} more bytes would take the owner's media past the quota, saying how much is left. */
    private void checkQuota(UUID userId, long size) {
        long used = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select coalesce(sum(size_bytes), 0) from media where user_id = ?1").setParameter(1, userId)
                .getSingleResult()).longValue());
        long left = Math.max(0, config.quotaBytes() - used);
        if (size > left) {
            throw new Problems.TooLarge("This upload is " + size + " bytes but only " + left + " of your "
                                        + config.quotaBytes() + " bytes of media storage are left; delete media you"
                                        + " no longer need.");
        }
    }

    /** An image's size; a file that only starts like an image (a 10-byte "PNG") is not one, so 422. */
    private static Optional<MediaProbe.Dimensions> imageDimensions(Upload upload, FileSniffer.Detected detected) {
        if (detected.type() != MediaType.IMAGE && detected.type() != MediaType.GIF) {
            return Optional.empty();
        }
        return Optional.of(MediaProbe.dimensions(upload.file(), detected.mimeType()).orElseThrow(
                () -> new Problems.Invalid("file", "starts like " + detected.mimeType() + " but is not a readable"
                                                   + " image (its width and height cannot be read)")));
    }

    private Answer<MediaView> store(UUID userId, Upload upload, FileSniffer.Detected detected, long size,
                                    String sha256, Optional<MediaProbe.Dimensions> dimensions) {
        Optional<MediaView> existing = QuarkusTransaction.requiringNew()
                .call(() -> Media.findBySha256(userId, sha256).map(MediaView::of));
        if (existing.isPresent()) {
            return new Answer<>(200, existing.get());
        }
        checkQuota(userId, size);
        Media media = new Media();
        media.id = UUID.randomUUID();
        media.userId = userId;
        media.mediaType = detected.type().key();
        media.mimeType = detected.mimeType();
        media.sizeBytes = size;
        media.sha256 = sha256;
        media.originalFilename = cleanFilename(upload.originalFilename());
        media.altText = upload.altText() == null || upload.altText().isBlank() ? null : upload.altText();
        media.storageKey = userId + "/" + media.id;
        media.createdAt = clock.instant();
        dimensions.ifPresent(d -> {
            media.width = d.width();
            media.height = d.height();
        });
        if (detected.type() == MediaType.VIDEO || detected.type() == MediaType.AUDIO) {
            MediaProbe.durationMs(upload.file()).ifPresent(d -> media.durationMs = d);
        }
        try (InputStream content = Files.newInputStream(upload.file())) {
            storage.store(media.storageKey, content);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store an upload", e);
        }
        try {
            QuarkusTransaction.requiringNew().run(media::persist);
        } catch (RuntimeException raced) {
            // The same bytes arrived twice at once and the other request won: answer its item, drop our copy.
            deleteQuietly(media.storageKey);
            return QuarkusTransaction.requiringNew().call(() -> Media.findBySha256(userId, sha256))
                    .map(m -> new Answer<>(200, MediaView.of(m))).orElseThrow(() -> raced);
        }
        LOG.infof("Media %s (%s, %d bytes) stored for user %s", media.id, media.mimeType, size, userId);
        return new Answer<>(201, MediaView.of(media));
    }

    public Page<MediaView> list(UUID userId, String mediaType, Page.PageRequest request) {
        if (mediaType != null && Arrays.stream(MediaType.values()).noneMatch(t -> t.key().equals(mediaType))) {
            throw new Problems.Invalid("media_type", "must be one of image, video, gif, audio, document");
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            String query = mediaType == null ? "userId = :user" : "userId = :user and mediaType = :type";
            Parameters params = Parameters.with("user", userId);
            if (mediaType != null) {
                params.and("type", mediaType);
            }
            var found = Media.<Media>find(query, Sort.descending("createdAt").and("id", Sort.Direction.Descending),
                                          params);
            List<MediaView> items = found.page(request.page(), request.size()).list().stream()
                    .map(MediaView::of).toList();
            return Page.of(items, request, found.count());
        });
    }

    public MediaView get(UUID userId, UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> Media.findOwned(id, userId).map(MediaView::of))
                .orElseThrow(() -> new Problems.NotFound("The media item"));
    }

    /** The bytes of one item, for its owner. */
    public Content content(UUID userId, UUID id) {
        Media media = QuarkusTransaction.requiringNew().call(() -> Media.findOwned(id, userId))
                .orElseThrow(() -> new Problems.NotFound("The media item"));
        return open(media);
    }

    public record Content(MediaView media, InputStream stream) {
    }

    /**
     * Deletes an item unless a scheduled or publishing post uses it (409); drafts and finished posts that show it
     * lose it. The item stays locked from the check to the delete, and attaching takes a shared lock on it (see
     * {@link #findOwned(UUID, Collection)}), so a post scheduled at the same moment either keeps the item (and this
     * answers 409) or is refused it.
     */
    public void delete(UUID userId, UUID id) {
        String key = QuarkusTransaction.requiringNew().call(() -> {
            Media media = Media.findOwnedForUpdate(id, userId)
                    .orElseThrow(() -> new Problems.NotFound("The media item"));
            Number inUse = (Number) em.createNativeQuery(
                            "select count(*) from post_media pm join posts p on p.id = pm.post_id"
                            + " where pm.media_id = ?1 and p.status in ('scheduled', 'publishing')")
                    .setParameter(1, id).getSingleResult();
            if (inUse.longValue() > 0) {
                throw new Problems.Conflict("This media is attached to a post that is scheduled or being published;"
                                            + " remove it from the post or cancel the post first.");
            }
            em.createNativeQuery("delete from post_media where media_id = ?1").setParameter(1, id).executeUpdate();
            media.delete();
            return media.storageKey;
        });
        deleteQuietly(key);
    }

    /** A URL that serves the item without a Bearer token until it expires, for platforms that pull media. */
    public SignedUrl signedUrl(UUID userId, UUID id) {
        QuarkusTransaction.requiringNew().call(() -> Media.findOwned(id, userId))
                .orElseThrow(() -> new Problems.NotFound("The media item"));
        return signedUrl(id);
    }

    /** The same, for the publishing engine (the caller has already checked ownership). */
    public SignedUrl signedUrl(UUID id) {
        Instant expires = clock.instant().plus(config.signedUrlTtl()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String base = config.publicBaseUrl().endsWith("/") ? config.publicBaseUrl().substring(
                0, config.publicBaseUrl().length() - 1) : config.publicBaseUrl();
        String url = base + "/api/public/media/" + id + "?expires=" + expires.getEpochSecond() + "&signature="
                     + signer.sign(id, expires);
        return new SignedUrl(url, expires);
    }

    public record SignedUrl(String url, Instant expiresAt) {
    }

    /** The bytes behind a signed URL: 403 for a wrong or expired signature, 404 when the item is gone. */
    public Content signedContent(UUID id, long expires, String signature) {
        if (!signer.verify(id, expires, signature)) {
            throw new Problems.Forbidden("This link is not valid.");
        }
        if (clock.instant().getEpochSecond() >= expires) {
            throw new Problems.Forbidden("This link has expired.");
        }
        Media media = QuarkusTransaction.requiringNew().call(() -> Media.<Media>findByIdOptional(id))
                .orElseThrow(() -> new Problems.NotFound("The media item"));
        return open(media);
    }

    /** The bytes of an item for the publishing engine, which publishes only the post owner's own media. */
    public InputStream openForPublishing(UUID id) throws IOException {
        Media media = QuarkusTransaction.requiringNew().call(() -> Media.<Media>findByIdOptional(id))
                .orElseThrow(() -> new IOException("Media " + id + " is gone"));
        return storage.open(media.storageKey);
    }

    /** Media by id, whoever owns them (for the publishing engine, which reads a post's own media). */
    public Map<UUID, MediaView> findAny(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return Media.<Media>list("id in ?1", ids).stream()
                .map(MediaView::of).collect(Collectors.toMap(MediaView::id, Function.identity()));
    }

    /**
     * The user's own media among {@code ids}; ids of others or of nothing are simply absent. The rows stay share-locked
     * until the caller's transaction ends, so an item being attached cannot be deleted in between.
     */
    public Map<UUID, MediaView> findOwned(UUID userId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return Media.<Media>find("userId = ?1 and id in ?2", userId, ids).withLock(LockModeType.PESSIMISTIC_READ)
                .list().stream()
                .map(MediaView::of).collect(Collectors.toMap(MediaView::id, Function.identity()));
    }

    private Content open(Media media) {
        try {
            return new Content(MediaView.of(media), storage.open(media.storageKey));
        } catch (IOException e) {
            LOG.errorf("Media %s is recorded but its bytes cannot be read from storage", media.id);
            throw new Problems.NotFound("The media item's content");
        }
    }

    /**
     * Deletes stored bytes that no media row refers to and that were stored before {@code cutoff} (an upload
     * interrupted between storing its bytes and recording them); answers how many were deleted.
     */
    public int sweepOrphans(Instant cutoff) {
        List<String> candidates = new ArrayList<>();
        try {
            storage.forEachStoredBefore(cutoff, candidates::add);
        } catch (IOException e) {
            LOG.warnf("Could not list stored media to sweep orphans: %s", e.getMessage());
            return 0;
        }
        int deleted = 0;
        for (int from = 0; from < candidates.size(); from += ORPHAN_BATCH) {
            List<String> batch = candidates.subList(from, Math.min(candidates.size(), from + ORPHAN_BATCH));
            @SuppressWarnings("unchecked")
            Set<String> referenced = new HashSet<>(QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                            "select storage_key from media where storage_key in (?1)", String.class)
                    .setParameter(1, batch).getResultList()));
            for (String key : batch) {
                if (!referenced.contains(key)) {
                    LOG.infof("Deleting stored media %s: no media item refers to it", key);
                    deleteQuietly(key);
                    deleted++;
                }
            }
        }
        return deleted;
    }

    /** Closing the account removes its media, bytes first (the rows would go with the user anyway). */
    void onAccountClosing(@Observes AccountClosing closing) {
        List<String> keys = QuarkusTransaction.requiringNew().call(() -> {
            List<Media> owned = Media.list("userId", closing.userId());
            em.createNativeQuery("delete from post_media where media_id in (select id from media where user_id = ?1)")
                    .setParameter(1, closing.userId()).executeUpdate();
            owned.forEach(Media::delete);
            return owned.stream().map(m -> m.storageKey).toList();
        });
        keys.forEach(this::deleteQuietly);
    }

    void onExport(@Observes AccountExport export) {
        export.add("media", QuarkusTransaction.requiringNew().call(
                () -> Media.<Media>list("userId = ?1 order by createdAt, id", export.userId()).stream()
                        .map(MediaView::of).toList()));
    }

    private void deleteQuietly(String key) {
        try {
            storage.delete(key);
        } catch (IOException e) {
            LOG.warnf("Could not delete stored media %s; it is no longer referenced", key);
        }
    }

    private static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(FileSniffer.HEAD_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Path file) {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file),
                                                          MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cleanFilename(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "");
        return base.length() > 255 ? base.substring(0, 255) : base;
    }
}
