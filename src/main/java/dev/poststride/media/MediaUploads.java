package dev.poststride.media;

import dev.poststride.common.Problems;
import dev.poststride.common.Sha256;
import dev.poststride.common.idempotency.IdempotencyKeys;
import dev.poststride.common.idempotency.IdempotencyKeys.Answer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Clock;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The upload pipeline: a multipart body read as it arrives, its file part sniffed from its first bytes (415 before
 * anything is stored), then streamed in one pass to storage while it is counted against the per-kind limit and the
 * workspace's remaining quota (413 the moment it passes either), hashed, and probed for its dimensions or duration.
 * Only then is it recorded, or found to be bytes the workspace already has (the new copy is dropped and the existing
 * item answered). A failure anywhere leaves no object in storage.
 */
@ApplicationScoped
public class MediaUploads {

    static final String UPLOAD_SCOPE = "POST /api/media";
    private static final int MAX_ALT_TEXT = 1000;
    private static final Logger LOG = Logger.getLogger(MediaUploads.class);

    private final MediaStorage storage;
    private final MediaConfig config;
    private final IdempotencyKeys idempotency;
    private final EntityManager em;
    private final Clock clock;

    MediaUploads(MediaStorage storage, MediaConfig config, IdempotencyKeys idempotency, EntityManager em,
                 Clock clock) {
        this.storage = storage;
        this.config = config;
        this.idempotency = idempotency;
        this.em = em;
        this.clock = clock;
    }

    /** A file part that reached storage, not yet recorded. */
    private record Received(UUID id, String key, FileSniffer.Detected detected, String filename, long size,
                            String sha256, MediaProbe.Probed probed) {
    }

    /**
     * Reads a {@code multipart/form-data} upload (part {@code file}, optional {@code alt_text}): 201 with the new
     * item, or 200 with the item the workspace already has with the same bytes.
     */
    public Answer<MediaView> upload(UUID workspaceId, UUID userId, String contentType, InputStream body,
                                    String idempotencyKey) {
        IdempotencyKeys.checkKey(idempotencyKey);
        UploadForm form = UploadForm.read(contentType, body);
        Received file = null;
        String altText = null;
        boolean kept = false;
        try {
            for (UploadForm.Part part = form.next(); part != null; part = form.next()) {
                if ("file".equals(part.name())) {
                    if (file != null) {
                        throw new Problems.Invalid("file", "an upload takes one file; send each file on its own");
                    }
                    file = receive(workspaceId, part);
                } else if ("alt_text".equals(part.name())) {
                    altText = checkedAltText(part.text());
                }
            }
            if (file == null) {
                throw new Problems.Invalid("file", "is required (a multipart part named 'file')");
            }
            Answer<MediaView> answer = record(workspaceId, userId, file, altText, idempotencyKey);
            kept = answer.body().id().equals(file.id());
            return answer;
        } finally {
            if (file != null && !kept) {
                deleteQuietly(file.key()); // refused, a replay, or bytes the workspace already had
            }
        }
    }

    private static String checkedAltText(String altText) {
        if (altText.indexOf('\u0000') >= 0) {
            throw new Problems.Invalid("alt_text", "must not contain the NUL character (\\u0000)");
        }
        if (altText.length() > MAX_ALT_TEXT) {
            throw new Problems.Invalid("alt_text", "must be at most " + MAX_ALT_TEXT + " characters");
        }
        return altText.isBlank() ? null : altText;
    }

    private Received receive(UUID workspaceId, UploadForm.Part part) {
        InputStream content = part.content();
        byte[] head;
        try {
            head = content.readNBytes(FileSniffer.HEAD_BYTES);
        } catch (IOException e) {
            throw UploadForm.malformed(e);
        }
        FileSniffer.Detected detected = FileSniffer.detect(head).orElseThrow(
                () -> new Problems.UnsupportedMediaType("The file is not an image, GIF, video, audio file or document"
                                                        + " (PDF, Word, PowerPoint) that Post Stride recognizes from"
                                                        + " its content."));
        long kindLimit = config.maxBytes(detected.type());
        long quotaLeft = quotaLeft(workspaceId);
        UUID id = UUID.randomUUID();
        String key = workspaceId + "/" + id;
        FileSniffer.Detected found = detected; // a ZIP or OLE2 file becomes the Office document it holds
        try (MediaStorage.Writer writer = open(key, detected.mimeType())) {
            IncomingFile file = new IncomingFile(
                    new SequenceInputStream(new ByteArrayInputStream(head), content), writer,
                    Math.min(kindLimit, quotaLeft), size -> tooLarge(detected.type(), kindLimit, quotaLeft));
            MediaProbe.Probed probed;
            try {
                probed = MediaProbe.probe(file, detected.mimeType());
                boolean image = detected.type() == MediaType.IMAGE || detected.type() == MediaType.GIF;
                if (image && probed.dimensions().isEmpty()) {
                    throw new Problems.Invalid("file", "starts like " + detected.mimeType() + " but is not a readable"
                                                       + " image (its width and height cannot be read)");
                }
                if (OfficeFormats.isContainer(detected.mimeType())) {
                    found = new FileSniffer.Detected(detected.type(), officeType(file, detected.mimeType()));
                }
                file.drain();
            } catch (IOException e) {
                throw UploadForm.malformed(e);
            }
            commit(writer);
            return new Received(id, key, found, part.filename(), file.size(), file.sha256(), probed);
        } catch (IOException abortFailed) {
            // Only an abort fails here, and only after the failure that caused it; the retention job sweeps it.
            throw new IncomingFile.StorageFailed(abortFailed);
        }
    }

    /** The Office type a ZIP or OLE2 upload holds (reading it to its end), or a 415 saying what it is instead. */
    private static String officeType(IncomingFile file, String container) throws IOException {
        return OfficeFormats.identify(file, container).orElseThrow(() -> new Problems.UnsupportedMediaType(
                "The file is " + OfficeFormats.containerName(container) + " but not a Word (DOCX, DOC) or"
                + " PowerPoint (PPTX, PPT) document; only those, PDF, images, GIFs, videos and audio files are"
                + " taken."));
    }

    private MediaStorage.Writer open(String key, String contentType) {
        try {
            return storage.create(key, contentType);
        } catch (IOException e) {
            throw new IncomingFile.StorageFailed(e);
        }
    }

    private static void commit(MediaStorage.Writer writer) {
        try {
            writer.commit();
        } catch (IOException e) {
            throw new IncomingFile.StorageFailed(e);
        }
    }

    /** 413 while the body still streams: which bound it passed, and how much room there was. */
    private RuntimeException tooLarge(MediaType type, long kindLimit, long quotaLeft) {
        if (kindLimit <= quotaLeft) {
            return new Problems.TooLarge("This " + type.key() + " is larger than " + kindLimit + " bytes, the limit"
                                         + " for " + type.key() + " files.", true);
        }
        return new Problems.TooLarge("This upload does not fit: only " + quotaLeft + " of your "
                                     + config.quotaBytes() + " bytes of media storage are left; delete media you no"
                                     + " longer need.", true);
    }

    /** What the workspace may still store; an upload larger than this is refused as it streams. */
    private long quotaLeft(UUID workspaceId) {
        long used = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select coalesce(sum(size_bytes), 0) from media where workspace_id = ?1").setParameter(1, workspaceId)
                .getSingleResult()).longValue());
        return Math.max(0, config.quotaBytes() - used);
    }

    private Answer<MediaView> record(UUID workspaceId, UUID userId, Received file, String altText,
                                     String idempotencyKey) {
        String requestHash = Sha256.hex(file.sha256() + "|" + altText + "|" + file.filename());
        return idempotency.once(workspaceId, UPLOAD_SCOPE, idempotencyKey, requestHash, MediaView.class,
                                () -> recordOnce(workspaceId, userId, file, altText));
    }

    private Answer<MediaView> recordOnce(UUID workspaceId, UUID userId, Received file, String altText) {
        Media media = new Media();
        media.id = file.id();
        media.workspaceId = workspaceId;
        media.createdBy = userId;
        media.mediaType = file.detected().type().key();
        media.mimeType = file.detected().mimeType();
        media.sizeBytes = file.size();
        media.sha256 = file.sha256();
        media.originalFilename = cleanFilename(file.filename());
        media.altText = altText;
        media.storageKey = file.key();
        media.createdAt = clock.instant();
        file.probed().dimensions().ifPresent(d -> {
            media.width = d.width();
            media.height = d.height();
            media.orientation = d.orientation() == 1 ? null : d.orientation();
        });
        file.probed().durationMs().ifPresent(d -> media.durationMs = d);
        file.probed().video().ifPresent(v -> {
            media.videoCodec = v.codec().strip();
            media.frameRate = v.frameRate();
        });
        Answer<MediaView> answer;
        try {
            answer = QuarkusTransaction.requiringNew().call(() -> {
                // The same bytes twice are stored once; the workspace's earlier item is the answer.
                var existing = Media.findBySha256(workspaceId, file.sha256());
                if (existing.isPresent()) {
                    return new Answer<>(200, MediaView.of(existing.get()));
                }
                media.persist();
                return new Answer<>(201, MediaView.of(media));
            });
        } catch (RuntimeException raced) {
            // The same bytes arrived twice at once and the other request recorded them first: answer its item.
            return QuarkusTransaction.requiringNew().call(() -> Media.findBySha256(workspaceId, file.sha256()))
                    .map(m -> new Answer<>(200, MediaView.of(m))).orElseThrow(() -> raced);
        }
        if (answer.status() == 201) {
            LOG.infof("Media %s (%s, %d bytes) stored in workspace %s", media.id, media.mimeType, media.sizeBytes,
                      workspaceId);
        }
        return answer;
    }

    private void deleteQuietly(String key) {
        try {
            storage.delete(key);
        } catch (IOException e) {
            LOG.warnf("Could not delete stored media %s; the retention job will", key);
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
