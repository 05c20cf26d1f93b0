package dev.poststride.media;

import dev.poststride.common.Problems;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import org.jboss.logging.Logger;

/**
 * Derived copies of images that fit a target ({@link FitSpec}): made on first need, stored beside the original in the
 * media store, recorded once per original and recipe (the database's unique key decides when two instances make the
 * same copy at once; the loser deletes its bytes and uses the winner's), and pulled by platforms from URLs of their
 * own. One copy is made at a time per instance: decoding holds the whole picture in memory.
 */
@ApplicationScoped
public class MediaRenditions {

    private static final Logger LOG = Logger.getLogger(MediaRenditions.class);

    private final MediaStorage storage;
    private final MediaConfig config;
    private final MediaUrlSigner signer;
    private final EntityManager em;
    private final Clock clock;
    private final Semaphore converting = new Semaphore(1);

    MediaRenditions(MediaStorage storage, MediaConfig config, MediaUrlSigner signer, EntityManager em, Clock clock) {
        this.storage = storage;
        this.config = config;
        this.signer = signer;
        this.em = em;
        this.clock = clock;
    }

    /** The picture can never be made into the copy (its bytes do not decode, or no JPEG of it fits). */
    public static final class Unfittable extends Exception {
        Unfittable(String message) {
            super(message);
        }
    }

    /** The copy of {@code mediaId} made by {@code spec}: the stored one, or made now. */
    public Rendition fitted(UUID mediaId, FitSpec spec) throws IOException, Unfittable {
        Optional<Rendition> stored = find(mediaId, spec.key());
        if (stored.isPresent()) {
            return stored.get();
        }
        Media original = QuarkusTransaction.requiringNew().call(() -> Media.<Media>findByIdOptional(mediaId))
                .orElseThrow(() -> new IOException("Media " + mediaId + " is gone"));
        converting.acquireUninterruptibly();
        try {
            stored = find(mediaId, spec.key()); // made by another publish while this one waited
            if (stored.isPresent()) {
                return stored.get();
            }
            return make(original, spec);
        } finally {
            converting.release();
        }
    }

    /**
     * Makes these copies in the background, one after another (a saved post's, so that its publish finds them made).
     * Failures are only logged: the publish tries again and records on the target why a copy cannot be made.
     */
    public void prepare(Map<UUID, Set<FitSpec>> wanted) {
        Thread.ofVirtual().name("media-copies").start(() -> wanted.forEach((mediaId, specs) -> specs.forEach(spec -> {
            try {
                fitted(mediaId, spec);
            } catch (Unfittable e) {
                LOG.infof("Media %s: no copy fits (%s); its targets will fail when published", mediaId,
                          e.getMessage());
            } catch (IOException | RuntimeException e) {
                LOG.warnf("Media %s: a copy could not be made ahead of publishing (%s); the publish will retry",
                          mediaId, e.toString());
            }
        })));
    }

    private Rendition make(Media original, FitSpec spec) throws IOException, Unfittable {
        long started = System.nanoTime();
        byte[] bytes;
        try (InputStream in = storage.open(original.storageKey)) {
            bytes = in.readAllBytes(); // at most an image upload's limit; the decoded picture takes more anyway
        }
        ImageConverter.Converted converted;
        try {
            converted = ImageConverter.convert(bytes, original.mimeType, spec);
        } catch (ImageConverter.Unfittable e) {
            throw new Unfittable(e.getMessage());
        }
        UUID id = UUID.randomUUID();
        String key = original.workspaceId + "/" + id;
        try (MediaStorage.Writer writer = storage.create(key, "image/jpeg")) {
            writer.write(converted.jpeg(), 0, converted.jpeg().length);
            writer.commit();
        }
        Rendition made = new Rendition(id, original.id, spec.key(), "image/jpeg", converted.jpeg().length,
                                       converted.width(), converted.height(), key);
        int inserted = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "insert into media_renditions (id, media_id, spec, storage_key, mime_type, size_bytes, width,"
                        + " height, created_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
                        + " on conflict (media_id, spec) do nothing")
                .setParameter(1, id).setParameter(2, original.id).setParameter(3, spec.key()).setParameter(4, key)
                .setParameter(5, made.mimeType()).setParameter(6, made.sizeBytes()).setParameter(7, made.width())
                .setParameter(8, made.height()).setParameter(9, clock.instant()).executeUpdate());
        if (inserted == 0) {
            storage.deleteQuietly(key); // another instance stored the same copy first
            return find(original.id, spec.key()).orElseThrow(() -> new IOException("A copy of media " + original.id
                                                                                  + " vanished as it was made"));
        }
        LOG.infof("Media %s: made a %d×%d JPEG of %d bytes (%s) in %d ms", original.id, made.width(), made.height(),
                  made.sizeBytes(), spec.key(), (System.nanoTime() - started) / 1_000_000);
        return made;
    }

    private Optional<Rendition> find(UUID mediaId, String spec) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(
                            "select id, mime_type, size_bytes, width, height, storage_key from media_renditions"
                            + " where media_id = ?1 and spec = ?2")
                    .setParameter(1, mediaId).setParameter(2, spec).getResultList();
            return rows.stream().findFirst().map(r -> new Rendition((UUID) r[0], mediaId, spec, (String) r[1],
                                                                    ((Number) r[2]).longValue(),
                                                                    ((Number) r[3]).intValue(),
                                                                    ((Number) r[4]).intValue(), (String) r[5]));
        });
    }

    /** The copy's bytes, for platforms that are sent the file. */
    public InputStream open(Rendition rendition) throws IOException {
        return storage.open(rendition.storageKey());
    }

    /** Like {@link MediaService#pullUrlForAnyHost}, for the copy: the store's pre-signed URL, else a signed one. */
    public String pullUrlForAnyHost(Rendition rendition) {
        return storage.presignedGet(rendition.storageKey(), config.signedUrlTtl())
                .orElseGet(() -> signedUrl(rendition));
    }

    /** Like {@link MediaService#pullUrlForVerifiedDomain}, for the copy. */
    public String pullUrlForVerifiedDomain(Rendition rendition) {
        return config.pullBaseUrl()
                .map(base -> MediaService.withoutTrailingSlash(base) + "/" + rendition.storageKey())
                .orElseGet(() -> signedUrl(rendition));
    }

    private String signedUrl(Rendition rendition) {
        java.time.Instant expires = clock.instant().plus(config.signedUrlTtl()).truncatedTo(ChronoUnit.SECONDS);
        return MediaService.withoutTrailingSlash(config.publicBaseUrl()) + "/api/public/media/" + rendition.mediaId()
               + "/fitted/" + rendition.id() + "?expires=" + expires.getEpochSecond() + "&signature="
               + signer.signRendition(rendition.id(), expires);
    }

    /** The bytes behind a copy's signed URL: 403 for a wrong or expired signature, 404 when it is gone. */
    MediaService.Content signedContent(UUID mediaId, UUID renditionId, long expires, String signature) {
        if (!signer.verifyRendition(renditionId, expires, signature)) {
            throw new Problems.Forbidden("This link is not valid.");
        }
        if (clock.instant().getEpochSecond() >= expires) {
            throw new Problems.Forbidden("This link has expired.");
        }
        Object[] row = QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(
                            "select spec, mime_type, size_bytes, width, height, storage_key from media_renditions"
                            + " where id = ?1 and media_id = ?2")
                    .setParameter(1, renditionId).setParameter(2, mediaId).getResultList();
            return rows.isEmpty() ? null : rows.get(0);
        });
        Media original = row == null ? null
                : QuarkusTransaction.requiringNew().call(() -> Media.<Media>findByIdOptional(mediaId)).orElse(null);
        if (original == null) {
            throw new Problems.NotFound("The media item");
        }
        Rendition rendition = new Rendition(renditionId, mediaId, (String) row[0], (String) row[1],
                                            ((Number) row[2]).longValue(), ((Number) row[3]).intValue(),
                                            ((Number) row[4]).intValue(), (String) row[5]);
        try {
            return new MediaService.Content(MediaView.of(original).as(rendition), open(rendition));
        } catch (IOException e) {
            LOG.errorf("The copy %s of media %s is recorded but its bytes cannot be read from storage", renditionId,
                       mediaId);
            throw new Problems.NotFound("The media item's content");
        }
    }

    /** The stored bytes of every copy of these originals (deleted with them by the database). */
    List<String> storageKeysOf(String where, Object parameter) {
        @SuppressWarnings("unchecked")
        List<String> keys = em.createNativeQuery("select r.storage_key from media_renditions r join media m"
                                                 + " on m.id = r.media_id where " + where, String.class)
                .setParameter(1, parameter).getResultList();
        return keys;
    }
}
