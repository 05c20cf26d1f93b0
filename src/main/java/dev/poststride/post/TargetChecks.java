package dev.poststride.post;

import dev.poststride.common.Problem.FieldError;
import dev.poststride.media.MediaService;
import dev.poststride.media.MediaView;
import dev.poststride.platform.LiveAccountInfo;
import dev.poststride.platform.TargetAccount;
import dev.poststride.platforms.CreatorInfo;
import dev.poststride.platforms.PlatformModule;
import dev.poststride.platforms.PlatformModules;
import dev.poststride.platforms.PostingRules;
import dev.poststride.platforms.TargetDraft;
import dev.poststride.platforms.TargetOption;
import dev.poststride.platforms.TargetOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Each target of a post being saved against its platform: the options (generic by kind, then the module's own
 * checks), the media its options name (the parts of a thread, a cover image), and when scheduling the catalogue's
 * limits for the text and media, the platform's video limits, and the copies of images that can be made to fit.
 */
@ApplicationScoped
class TargetChecks {

    /** Every broken rule; the accounts' live settings read on the way (the dry run shows them); the copies planned. */
    record Result(List<FieldError> errors, Map<Integer, CreatorInfo> creators,
                  Map<Integer, List<FittedMedia>> fitted) {
    }

    private final PlatformModules modules;
    private final MediaService media;
    private final LiveAccountInfo live;

    TargetChecks(PlatformModules modules, MediaService media, LiveAccountInfo live) {
        this.modules = modules;
        this.media = media;
        this.live = live;
    }

    /** {@code accounts}: the workspace's connections the request names (targets of others are refused before). */
    Result check(UUID workspaceId, PostRequest request, Map<UUID, TargetAccount> accounts, List<MediaView> attached,
                 boolean scheduling) {
        List<FieldError> errors = new ArrayList<>();
        Map<Integer, CreatorInfo> creators = new HashMap<>();
        Map<Integer, List<FittedMedia>> fitted = new HashMap<>();
        for (int i = 0; i < request.targetList().size(); i++) {
            PostRequest.TargetRequest target = request.targetList().get(i);
            TargetAccount account = accounts.get(target.connectionId());
            if (account == null) {
                continue;
            }
            PlatformModule module = modules.of(account.platform());
            PostingRules rules = module.rules();
            String field = "targets[" + i + "]";
            String text = target.content() != null ? target.content() : request.content();
            Map<String, Object> options = target.optionMap();
            List<FieldError> optionErrors = TargetOptions.check(field, account.platform(), rules.options(), options,
                                                                scheduling);
            errors.addAll(optionErrors);
            errors.addAll(rules.combinations(options, field));
            if (optionErrors.isEmpty()) {
                int index = i;
                errors.addAll(rules.check(new Draft(field, text, account, options, attached, scheduling,
                                                    creator -> creators.put(index, creator))));
                errors.addAll(parts(i, account, rules, options, workspaceId, scheduling, fitted));
                errors.addAll(namedMedia(i, account, rules, options, workspaceId, scheduling, fitted));
            }
            if (scheduling) {
                TargetRules.Checked checked = TargetRules.check(i, account.rules(), rules.counting(), text, attached,
                                                                rules.fit(options).orElse(null),
                                                                rules.anyAspect(options));
                errors.addAll(checked.errors());
                plan(fitted, i, checked.fitted());
                rules.videoLimits().ifPresent(limits -> errors.addAll(limits.check(field, attached)));
            }
        }
        return new Result(errors, creators, fitted);
    }

    /** A module's view of one target; asking for the account's live settings reads them once and keeps them. */
    private final class Draft implements TargetDraft {

        private final String field;
        private final String text;
        private final TargetAccount account;
        private final Map<String, Object> options;
        private final List<MediaView> attached;
        private final boolean scheduling;
        private final java.util.function.Consumer<CreatorInfo> read;
        private Optional<CreatorInfo> creator;

        Draft(String field, String text, TargetAccount account, Map<String, Object> options,
              List<MediaView> attached, boolean scheduling, java.util.function.Consumer<CreatorInfo> read) {
            this.field = field;
            this.text = text;
            this.account = account;
            this.options = options;
            this.attached = attached;
            this.scheduling = scheduling;
            this.read = read;
        }

        @Override
        public String field() {
            return field;
        }

        @Override
        public String text() {
            return text;
        }

        @Override
        public int textLimit() {
            return account.rules().textLimit();
        }

        @Override
        public Map<String, Object> options() {
            return options;
        }

        @Override
        public List<MediaView> media() {
            return attached;
        }

        @Override
        public boolean scheduling() {
            return scheduling;
        }

        @Override
        public Optional<CreatorInfo> creator() {
            if (creator == null) {
                creator = account.active() ? live.creator(account.connectionId()) : Optional.empty();
                creator.ifPresent(read);
            }
            return creator;
        }
    }

    /**
     * The media of the parts of a {@link TargetOption.Kind#PARTS} option (an X thread): each must be the workspace's
     * (share-locked like the post's own media, so it cannot be deleted while this post is saved), and when scheduling
     * each part must meet the platform's rules for one post (images that can be made to fit are planned as copies,
     * with the target's others).
     */
    private List<FieldError> parts(int index, TargetAccount account, PostingRules rules, Map<String, Object> options,
                                   UUID workspaceId, boolean scheduling, Map<Integer, List<FittedMedia>> fitted) {
        Optional<TargetOption> option = TargetOptions.partsOption(rules.options());
        List<TargetOptions.Part> parts = TargetOptions.parts(rules.options(), options);
        Set<UUID> wanted = new HashSet<>();
        parts.forEach(p -> wanted.addAll(p.mediaIds()));
        if (option.isEmpty() || wanted.isEmpty()) {
            return List.of();
        }
        Map<UUID, MediaView> owned = media.findOwned(workspaceId, wanted);
        List<FieldError> errors = new ArrayList<>();
        String target = "targets[" + index + "]";
        for (int j = 0; j < parts.size(); j++) {
            String at = target + ".options." + option.get().name() + "[" + j + "].media_ids";
            List<MediaView> partMedia = new ArrayList<>();
            List<UUID> ids = parts.get(j).mediaIds();
            for (int k = 0; k < ids.size(); k++) {
                if (ids.indexOf(ids.get(k)) != k) {
                    errors.add(new FieldError(at + "[" + k + "]", "is already attached to this part"));
                } else if (!owned.containsKey(ids.get(k))) {
                    errors.add(new FieldError(at + "[" + k + "]", "is not a media item of this workspace"));
                } else {
                    partMedia.add(owned.get(ids.get(k)));
                }
            }
            if (!scheduling || partMedia.isEmpty()) {
                continue;
            }
            TargetRules.Checked checked = TargetRules.check(index, account.rules(), rules.counting(),
                                                            parts.get(j).text(), partMedia, null, false);
            List<FieldError> broken = new ArrayList<>(checked.errors());
            rules.videoLimits().ifPresent(limits -> broken.addAll(limits.check(target, partMedia)));
            broken.stream().filter(e -> e.field().startsWith(target + ".media")) // its text is the module's
                    .map(e -> new FieldError(at, e.message().replace("this post has", "this part has"), e.rule()))
                    .forEach(errors::add);
            plan(fitted, index, checked.fitted());
        }
        return errors;
    }

    /**
     * The images {@link TargetOption.Kind#MEDIA} options name (an Instagram reel's cover): the workspace's
     * (share-locked, as attached media are), an image, and when scheduling one the platform takes in any aspect ratio
     * (platforms fit covers themselves), or a planned copy.
     */
    private List<FieldError> namedMedia(int index, TargetAccount account, PostingRules rules,
                                        Map<String, Object> options, UUID workspaceId, boolean scheduling,
                                        Map<Integer, List<FittedMedia>> fitted) {
        List<FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, UUID> named : TargetOptions.namedMedia(rules.options(), options).entrySet()) {
            String field = "targets[" + index + "].options." + named.getKey();
            MediaView image = media.findOwned(workspaceId, Set.of(named.getValue())).get(named.getValue());
            if (image == null) {
                errors.add(new FieldError(field, "is not a media item of this workspace"));
            } else if (!image.mediaType().equals("image")) {
                errors.add(new FieldError(field, "must be an image; " + image.mediaType() + " given", "cover_image"));
            } else if (scheduling) {
                ImageFit.Decision decision = ImageFit.decide(field, account.rules(), image, null, true);
                plan(fitted, index, decision.fitted().stream().toList());
                errors.addAll(decision.errors());
            }
        }
        return errors;
    }

    /** Adds copies to a target's plan; a medium in both the post and a part is planned once. */
    private static void plan(Map<Integer, List<FittedMedia>> fitted, int index, List<FittedMedia> more) {
        for (FittedMedia copy : more) {
            List<FittedMedia> planned = fitted.computeIfAbsent(index, i -> new ArrayList<>());
            if (planned.stream().noneMatch(p -> p.mediaId().equals(copy.mediaId()))) {
                planned.add(copy);
            }
        }
    }
}
