package dev.poststride.publishing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poststride.media.FitSpec;
import dev.poststride.media.MediaRenditions;
import dev.poststride.media.MediaService;
import dev.poststride.media.MediaView;
import dev.poststride.media.Rendition;
import dev.poststride.platforms.Credentials;
import dev.poststride.platforms.Outcome.MediaRejected;
import dev.poststride.platforms.Outcome.Transient;
import dev.poststride.platforms.PlatformModules;
import dev.poststride.platforms.PublishJob;
import dev.poststride.platforms.StepFailed;
import dev.poststride.platforms.TargetOption;
import dev.poststride.platforms.TargetOptions;
import dev.poststride.post.TargetStates;
import dev.poststride.post.TargetClaims.Claimed;
import dev.poststride.post.TargetsToPublish.TargetToPublish;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Builds an attempt's {@link PublishJob}: its text, options and media (as the copies that fit the platform where the
 * target has them, thread parts' and options' media too), and checkpoints written under the attempt's lease.
 */
@ApplicationScoped
class PublishJobs {

    private static final Logger LOG = Logger.getLogger(PublishJobs.class);

    /** A derived copy of an image could not be made from it (refused here; the platform was never called). */
    static final String UNFITTABLE = "media_unfittable";

    private final PlatformModules modules;
    private final TargetStates states;
    private final MediaService media;
    private final MediaRenditions renditions;
    private final ObjectMapper json;

    PublishJobs(PlatformModules modules, TargetStates states, MediaService media, MediaRenditions renditions,
                ObjectMapper json) {
        this.modules = modules;
        this.states = states;
        this.media = media;
        this.renditions = renditions;
        this.json = json;
    }

    /**
     * The attempt's job. Media the target publishes as derived copies are attached as those copies (made now if no
     * earlier attempt or other target made them); a copy that cannot be made ends the attempt (StepFailed).
     */
    PublishJob job(Claimed claimed, String owner, TargetToPublish target, Credentials account) throws StepFailed {
        JsonNode chosen = options(target.optionsJson());
        Map<UUID, FitSpec> fitted = fitted(target.fittedMediaJson());
        List<TargetOption> options = modules.of(account.platform()).rules().options();
        List<List<UUID>> partMediaIds = new ArrayList<>();
        TargetOptions.partsOption(options).ifPresent(parts -> chosen.path(parts.name()).forEach(part -> {
            List<UUID> ids = new ArrayList<>();
            part.path("media_ids").forEach(id -> ids.add(UUID.fromString(id.asText())));
            partMediaIds.add(ids);
        }));
        List<UUID> optionMediaIds = new ArrayList<>();
        for (TargetOption option : options) {
            String named = option.kind() == TargetOption.Kind.MEDIA ? chosen.path(option.name()).asText(null) : null;
            if (named != null) {
                optionMediaIds.add(UUID.fromString(named));
            }
        }
        Set<UUID> all = new HashSet<>(target.mediaIds());
        partMediaIds.forEach(all::addAll);
        all.addAll(optionMediaIds);
        Map<UUID, MediaView> views = all.isEmpty() ? Map.of()
                : QuarkusTransaction.requiringNew().call(() -> media.findAny(all));
        List<List<PublishJob.Attachment>> threadMedia = new ArrayList<>();
        for (List<UUID> ids : partMediaIds) {
            threadMedia.add(attachments(ids, views, fitted));
        }
        Map<UUID, PublishJob.Attachment> optionMedia = new HashMap<>();
        for (PublishJob.Attachment attachment : attachments(optionMediaIds, views, fitted)) {
            optionMedia.put(attachment.media().id(), attachment);
        }
        return new PublishJob(claimed.targetId(), target.postId(), claimed.attempt(), account, target.text(),
                              chosen, attachments(target.mediaIds(), views, fitted), List.copyOf(threadMedia),
                              Map.copyOf(optionMedia), false, target.checkpoint(),
                              new FencedCheckpoints(owner, claimed.attempt(), target.checkpoint()));
    }

    /** The media {@code ids} as sent to the platform: the target's fitting copy where it has one, else the original. */
    private List<PublishJob.Attachment> attachments(List<UUID> ids, Map<UUID, MediaView> views,
                                                    Map<UUID, FitSpec> fitted) throws StepFailed {
        List<PublishJob.Attachment> attachments = new ArrayList<>();
        for (UUID id : ids) {
            MediaView view = views.get(id);
            FitSpec spec = fitted.get(id);
            if (view != null && spec != null) {
                Rendition copy = copy(id, spec, view);
                attachments.add(new PublishJob.Attachment(view.as(copy), () -> renditions.open(copy),
                                                          () -> renditions.pullUrlForAnyHost(copy),
                                                          () -> renditions.pullUrlForVerifiedDomain(copy)));
            } else if (view != null) {
                attachments.add(new PublishJob.Attachment(view, () -> media.openForPublishing(id),
                                                          () -> pullUrl(() -> media.pullUrlForAnyHost(id)),
                                                          () -> pullUrl(() -> media.pullUrlForVerifiedDomain(id))));
            }
        }
        return List.copyOf(attachments);
    }

    private Rendition copy(UUID mediaId, FitSpec spec, MediaView original) throws StepFailed {
        try {
            return renditions.fitted(mediaId, spec);
        } catch (MediaRenditions.Unfittable e) {
            throw new StepFailed(new MediaRejected(UNFITTABLE, "A copy of " + label(original) + " that fits"
                                                                       + " the platform cannot be made: "
                                                                       + e.getMessage() + "."));
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "A copy of media %s could not be made", mediaId);
            throw new StepFailed(new Transient("media_unavailable", "A copy of " + label(original) + " that fits the"
                                                                    + " platform could not be made or stored now."));
        }
    }

    /** Which media the target publishes as derived copies, and each copy's recipe (none for most targets). */
    private Map<UUID, FitSpec> fitted(String text) {
        if (text == null) {
            return Map.of();
        }
        try {
            Map<UUID, FitSpec> fitted = new HashMap<>();
            for (JsonNode one : json.readTree(text)) {
                fitted.put(UUID.fromString(one.path("media_id").asText()),
                           json.treeToValue(one.path("spec"), FitSpec.class));
            }
            return fitted;
        } catch (IOException e) {
            throw new UncheckedIOException("The fitted media of a target are not JSON", e);
        }
    }

    private JsonNode options(String text) {
        try {
            return json.readTree(text == null ? "{}" : text);
        } catch (IOException e) {
            throw new UncheckedIOException("The options of a target are not JSON", e);
        }
    }

    private static String label(MediaView media) {
        return media.originalFilename() != null ? media.originalFilename() : media.id().toString();
    }

    private interface UrlLookup {
        String get() throws IOException;
    }

    private static String pullUrl(UrlLookup lookup) {
        try {
            return lookup.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checkpoints written under this attempt's lease; a write that finds the lease gone stops the publish. */
    private final class FencedCheckpoints implements PublishJob.Checkpoints {

        private final String owner;
        private final int attempt;
        private volatile String latest;

        FencedCheckpoints(String owner, int attempt, String stored) {
            this.owner = owner;
            this.attempt = attempt;
            this.latest = stored;
        }

        @Override
        public void save(UUID targetId, String checkpoint) {
            if (!states.saveCheckpoint(targetId, owner, attempt, checkpoint)) {
                throw new LeaseLost("the lease was lost before the checkpoint '" + checkpoint + "' could be stored");
            }
            latest = checkpoint;
        }

        @Override
        public String latest() {
            return latest;
        }
    }
}
