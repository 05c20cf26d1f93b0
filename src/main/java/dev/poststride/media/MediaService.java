package dev.poststride.media;

import dev.poststride.common.Page;
import dev.poststride.common.Problems;
import dev.poststride.user.AccountExport;
import dev.poststride.workspace.WorkspaceClosing;
import dev.poststride.workspace.Workspaces;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

    private final MediaStorage storage;
    private final MediaConfig config;
    private final MediaUrlSigner signer;
    private final Workspaces workspaces;
    private final MediaRenditions renditions;
    private final Event<MediaRemoved> removed;
    private final EntityManager em;
    private final Clock clock;

    MediaService(MediaStorage storage, MediaConfig config, MediaUrlSigner signer, Workspaces workspaces,
                 MediaRenditions renditions, Event<MediaRemoved> removed, EntityManager em, Clock clock) {
        this.renditions = renditions;
        this.removed = removed;
        this.storage = storage;
        this.config = config;
        this.signer = signer;
        this.workspaces = workspaces;
        this.em = em;
        this.clock = clock;
    }

    public Page<MediaView> list(UUID workspaceId, String mediaType, Page.PageRequest request) {
        if (mediaType != null && Arrays.stream(MediaType.values()).noneMatch(t -> t.key().equals(mediaType))) {
            throw new Problems.Invalid("media_type", "must be one of image, video, gif, audio, document");
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            String query = mediaType == null ? "workspaceId = :workspace"
                    : "workspaceId = :workspace and mediaType = :type";
            Parameters params = Parameters.with("workspace", workspaceId);
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

    public MediaView get(UUID workspaceId, UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> Media.findOwned(id, workspaceId).map(MediaView::of))
                .orElseThrow(() -> new Problems.NotFound("The media item"));
    }

    /** The bytes of one item, for its owner. */
    public Content content(UUID workspaceId, UUID id) {
        Media media = QuarkusTransaction.requiringNew().call(() -> Media.findOwned(id, workspaceId))
                .orElseThrow(() -> new Problems.NotFound("The media item"));
        return open(media);
    }

    public record Content(MediaView media, InputStream stream) {
    }

    /**
     * Deletes an item unless a post refuses to let go of it ({@link MediaRemoved}: a scheduled or publishing post uses
     * it, 409); drafts and finished posts that show it lose it. The item stays locked from the check to the delete,
     * and attaching takes a shared lock on it (see {@link #findOwned(UUID, Collection)}), so a post scheduled at the
     * same moment either keeps the item (and this answers 409) or is refused it. Its derived copies go with it.
     */
    public void delete(UUID workspaceId, UUID id) {
        List<String> keys = QuarkusTransaction.requiringNew().call(() -> {
            Media media = Media.findOwnedForUpdate(id, workspaceId)
                    .orElseThrow(() -> new Problems.NotFound("The media item"));
            removed.fire(MediaRemoved.item(workspaceId, id));
            List<String> stored = new ArrayList<>(renditions.storageKeysOf("m.id = ?1", id));
            media.delete();
            stored.add(media.storageKey);
            return stored;
        });
        keys.forEach(storage::deleteQuietly);
    }

    /** A URL that serves the item without a Bearer token until it expires, for platforms that pull media. */
    public SignedUrl signedUrl(UUID workspaceId, UUID id) {
        QuarkusTransaction.requiringNew().call(() -> Media.findOwned(id, workspaceId))
                .orElseThrow(() -> new Problems.NotFound("The media item"));
        return signedUrl(id);
    }

    /** The same, for the publishing engine (the caller has already checked ownership). */
    public SignedUrl signedUrl(UUID id) {
        Instant expires = clock.instant().plus(config.signedUrlTtl())
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String url = withoutTrailingSlash(config.publicBaseUrl()) + "/api/public/media/" + id + "?expires="
                     + expires.getEpochSecond() + "&signature="
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
        return storage.open(storageKey(id));
    }

    /**
     * A URL that a platform fetching from any host (Instagram, Facebook) can pull the item from: the store's own
     * pre-signed URL where it gives one (S3), so large videos never stream through this service; otherwise this
     * service's signed URL.
     */
    public String pullUrlForAnyHost(UUID id) throws IOException {
        return storage.presignedGet(storageKey(id), config.signedUrlTtl()).orElseGet(() -> signedUrl(id).url());
    }

    /**
     * A URL on a domain the operator verified with the platform (TikTok pulls only from those, without redirects):
     * {@code poststride.media.pull-base-url} followed by the item's storage key where a CDN or proxy serves the
     * store that way, otherwise this service's signed URL (on its own, verified, domain).
     */
    public String pullUrlForVerifiedDomain(UUID id) throws IOException {
        if (config.pullBaseUrl().isEmpty()) {
            return signedUrl(id).url();
        }
        return withoutTrailingSlash(config.pullBaseUrl().get()) + "/" + storageKey(id);
    }

    private String storageKey(UUID id) throws IOException {
        return QuarkusTransaction.requiringNew().call(() -> Media.<Media>findByIdOptional(id))
                .orElseThrow(() -> new IOException("Media " + id + " is gone")).storageKey;
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
    public Map<UUID, MediaView> findOwned(UUID workspaceId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return Media.<Media>find("workspaceId = ?1 and id in ?2", workspaceId, ids)
                .withLock(LockModeType.PESSIMISTIC_READ)
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
                            "select storage_key from media where storage_key in (?1)"
                            + " union all select storage_key from media_renditions where storage_key in (?1)",
                            String.class)
                    .setParameter(1, batch).getResultList()));
            for (String key : batch) {
                if (!referenced.contains(key)) {
                    LOG.infof("Deleting stored media %s: no media item refers to it", key);
                    storage.deleteQuietly(key);
                    deleted++;
                }
            }
        }
        return deleted;
    }

    /** A closing workspace's media go, bytes first (the rows would go with the workspace anyway). */
    void onWorkspaceClosing(@Observes WorkspaceClosing closing) {
        List<String> keys = QuarkusTransaction.requiringNew().call(() -> {
            List<String> stored = new ArrayList<>(renditions.storageKeysOf("m.workspace_id = ?1",
                                                                           closing.workspaceId()));
            List<Media> owned = Media.list("workspaceId", closing.workspaceId());
            removed.fire(MediaRemoved.allOf(closing.workspaceId()));
            owned.forEach(Media::delete);
            owned.forEach(m -> stored.add(m.storageKey));
            return stored;
        });
        keys.forEach(storage::deleteQuietly);
    }

    /** The export's media: those of the user's personal workspace. */
    void onExport(@Observes AccountExport export) {
        UUID personal = workspaces.personalOf(export.userId());
        export.add("media", QuarkusTransaction.requiringNew().call(
                () -> Media.<Media>list("workspaceId = ?1 order by createdAt, id", personal).stream()
                        .map(MediaView::of).toList()));
    }

    static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
