package dev.poststride.platform;

import dev.poststride.common.Problem.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What {@code targets[].options} may hold for each platform, checked when a post is saved and described to clients
 * as a JSON Schema ({@code GET /api/platforms}, {@code options_schema}). Options are flat: switches, choices, short
 * texts and indexes; a platform without options takes none. Rules that need the account's live state (TikTok's
 * creator_info) are checked by the post service with that state.
 */
public final class TargetOptions {

    /** TikTok privacy levels (platform-apis.md 5.2). */
    public static final String PUBLIC = "PUBLIC_TO_EVERYONE";
    public static final String SELF_ONLY = "SELF_ONLY";

    /** The kinds of value an option takes. */
    public enum Kind { SWITCH, CHOICE, TEXT, INDEX, PARTS, MEDIA }

    /** Instagram's reel cover image: the id of a media item ({@link Kind#MEDIA}). */
    public static final String REEL_COVER = "reel_cover_media_id";

    /** The most media one part of a thread carries (X: up to 4 images, or one GIF or video). */
    public static final int MAX_PART_MEDIA = 4;

    /** A part of a thread: its text and the media it carries (none for a text-only part). */
    public record ThreadPart(String text, List<UUID> mediaIds) {
    }

    /**
     * The parts of {@code options.thread}, each given as a text or as {@code {text, media_ids}}; empty when there is
     * no thread. Only for options that passed {@link #check}.
     */
    public static List<ThreadPart> threadParts(Map<String, Object> options) {
        if (!(options.get("thread") instanceof List<?> parts)) {
            return List.of();
        }
        List<ThreadPart> read = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof Map<?, ?> withMedia) {
                List<UUID> ids = withMedia.get("media_ids") instanceof List<?> given
                        ? given.stream().map(id -> UUID.fromString((String) id)).toList() : List.of();
                read.add(new ThreadPart((String) withMedia.get("text"), ids));
            } else {
                read.add(new ThreadPart((String) part, List.of()));
            }
        }
        return read;
    }

    /**
     * One option: its name, kind, allowed choices or length, whether scheduling needs it, and (switches) whether it
     * is on when not given.
     */
    public record Option(String name, Kind kind, List<String> choices, int maxLength, boolean requiredToSchedule,
                         String description, boolean onByDefault) {

        Option(String name, Kind kind, List<String> choices, int maxLength, boolean requiredToSchedule,
               String description) {
            this(name, kind, choices, maxLength, requiredToSchedule, description, false);
        }

        static Option choice(String name, List<String> choices, boolean required, String description) {
            return new Option(name, Kind.CHOICE, choices, 0, required, description);
        }

        static Option onOff(String name, String description) {
            return new Option(name, Kind.SWITCH, List.of(), 0, false, description + " Off unless set.");
        }
    }

    /**
     * TikTok's Direct Post choices (Content Sharing Guidelines): privacy chosen by the user from the creator's
     * allowed levels with no default; interactions off unless the user turns them on; commercial-content disclosure.
     */
    private static final List<Option> TIKTOK = List.of(
            Option.choice("privacy_level", List.of(PUBLIC, "MUTUAL_FOLLOW_FRIENDS", "FOLLOWER_OF_CREATOR", SELF_ONLY),
                          true, "Who can see the post, chosen by the user among the creator's privacy_level_options"
                                + " (TikTok's creator_info); TikTok requires that choice, so there is no default."
                                + " Required to schedule."),
            Option.onOff("allow_comment", "Let viewers comment; refused when the creator turned comments off."),
            Option.onOff("allow_duet", "Let viewers duet the video (videos only); refused when the creator turned"
                                       + " duets off."),
            Option.onOff("allow_stitch", "Let viewers stitch the video (videos only); refused when the creator turned"
                                         + " stitches off."),
            Option.onOff("disclose_your_brand", "The post promotes the creator's own business: TikTok labels it"
                                                + " 'Promotional content'."),
            Option.onOff("disclose_branded_content", "The post promotes a third party: TikTok labels it 'Paid"
                                                     + " partnership'. Cannot be combined with SELF_ONLY."),
            new Option("photo_title", Kind.TEXT, List.of(), 90, false, "Title of a photo post (at most 90"
                                                                      + " characters); default: the text's first 90."),
            new Option("photo_cover_index", Kind.INDEX, List.of(), 0, false, "Which photo is the cover, from 0;"
                                                                             + " default 0."));

    /** A comment posted right after the post; its length limit is the platform's for comments. */
    private static Option firstComment(String platform, int maxLength) {
        return new Option("first_comment", Kind.TEXT, List.of(), maxLength, false,
                          "A comment posted right after the post (at most " + maxLength + " characters"
                          + (platform.equals("X") ? ", weighted as X counts them; posted as a reply" : "")
                          + "). Its own status is in the target's first_comment; a failed comment never fails the"
                          + " published post.");
    }

    /** The most parts after the post itself that a thread takes (X threads of 25 posts). */
    public static final int MAX_THREAD_PARTS = 24;

    private static final List<Option> X = List.of(
            firstComment("X", 280),
            new Option("thread", Kind.PARTS, List.of(), 280, false, "The parts that follow the post as a thread,"
                                                                  + " in order, each a reply to the one before (at"
                                                                  + " most " + MAX_THREAD_PARTS + " parts of 280"
                                                                  + " weighted characters). A part is its text, or"
                                                                  + " {text, media_ids} with up to "
                                                                  + MAX_PART_MEDIA + " media of the workspace"
                                                                  + " (X's rules per post apply to each part). Posted"
                                                                  + " part by part: a failure resumes at the next"
                                                                  + " part and never posts an earlier one again."));
    private static final List<Option> LINKEDIN = List.of(
            firstComment("LinkedIn", 1250),
            new Option("document_title", Kind.TEXT, List.of(), 400, false, "Title of a document post, shown"
                                                                         + " above its pages; default: the file's"
                                                                         + " name without its extension."));
    private static final List<Option> FACEBOOK = List.of(firstComment("Facebook", 8000));
    private static final List<Option> INSTAGRAM = List.of(
            firstComment("Instagram", 2200),
            Option.onOff("as_story", "Publish as a story (media_type STORIES): one image or video, shown for 24 h;"
                                     + " a story shows no caption and takes no first comment."),
            new Option("share_to_feed", Kind.SWITCH, List.of(), 0, false, "A reel (a single video) also appears in"
                                                                          + " the profile's feed. On unless set to"
                                                                          + " false.", true),
            new Option("reel_cover_offset_ms", Kind.INDEX, List.of(), 0, false, "The frame of a reel shown as its"
                                                                                + " cover, in milliseconds from the"
                                                                                + " start (thumb_offset)."),
            new Option(REEL_COVER, Kind.MEDIA, List.of(), 0, false, "An image of the workspace shown as the reel's"
                                                                    + " cover instead of a frame (cover_url; Instagram"
                                                                    + " then ignores reel_cover_offset_ms); sent as a"
                                                                    + " JPEG copy where it is not one."),
            Option.choice("fit", List.of("crop", "pad"), false, "What to do with an image whose width ÷ height is"
                                                                + " outside 4:5 to 1.91:1: publish a copy cropped to"
                                                                + " its centre, or padded with white, to the nearest"
                                                                + " ratio Instagram takes. Unset: such an image is"
                                                                + " refused (422 image_aspect)."));

    /** What TikTok asks apps to show the user before they post (Content Sharing Guidelines). */
    public static final String TIKTOK_CONSENT = "By posting, you agree to TikTok's Music Usage Confirmation.";
    public static final String TIKTOK_BRANDED_CONSENT = "By posting, you agree to TikTok's Branded Content Policy and"
                                                        + " Music Usage Confirmation.";

    private TargetOptions() {
    }

    public static List<Option> of(PlatformKey platform) {
        return switch (platform) {
            case X -> X;
            case LINKEDIN -> LINKEDIN;
            case FACEBOOK -> FACEBOOK;
            case INSTAGRAM -> INSTAGRAM;
            case TIKTOK -> TIKTOK;
        };
    }

    /** The notices a client must show before a post to {@code platform} is scheduled. */
    public static List<String> notices(PlatformKey platform) {
        return platform == PlatformKey.TIKTOK ? List.of(TIKTOK_CONSENT, TIKTOK_BRANDED_CONSENT) : List.of();
    }

    /** Every broken rule of {@code options} for a target at {@code field} ({@code targets[i]}). */
    public static List<FieldError> check(String field, PlatformKey platform, Map<String, Object> options,
                                         boolean scheduling) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Option> known = new LinkedHashMap<>();
        of(platform).forEach(o -> known.put(o.name(), o));
        for (Map.Entry<String, Object> entry : options.entrySet()) {
            Option option = known.get(entry.getKey());
            String at = field + ".options." + entry.getKey();
            if (option == null) {
                errors.add(new FieldError(at, known.isEmpty() ? platform.key() + " takes no options"
                        : "is not an option of " + platform.key() + " (" + String.join(", ", known.keySet()) + ")",
                                          "unknown_option"));
            } else {
                wrongValue(option, entry.getValue()).ifPresent(m -> errors.add(new FieldError(at, m, "option_value")));
            }
        }
        if (scheduling) {
            for (Option option : known.values()) {
                if (option.requiredToSchedule() && options.get(option.name()) == null) {
                    errors.add(new FieldError(field + ".options." + option.name(), "is required to schedule a post"
                                                                                   + " to " + platform.key() + ": "
                                                                                   + option.description(),
                                              "option_required"));
                }
            }
        }
        if (platform == PlatformKey.TIKTOK && Boolean.TRUE.equals(options.get("disclose_branded_content"))
            && SELF_ONLY.equals(options.get("privacy_level"))) {
            errors.add(new FieldError(field + ".options.privacy_level", "branded content cannot be private on TikTok;"
                                                                        + " choose another privacy level",
                                      "branded_content_private"));
        }
        return errors;
    }

    private static Optional<String> wrongValue(Option option, Object value) {
        if (value == null) {
            return Optional.empty();
        }
        String problem = switch (option.kind()) {
            case SWITCH -> value instanceof Boolean ? null : "must be true or false";
            case CHOICE -> value instanceof String s && option.choices().contains(s) ? null
                    : "must be one of " + String.join(", ", option.choices());
            case TEXT -> !(value instanceof String s) ? "must be text"
                    : s.length() > option.maxLength() ? "must be at most " + option.maxLength() + " characters"
                    : s.indexOf('\0') >= 0 ? "must not contain NUL characters" : null;
            case INDEX -> value instanceof Integer i && i >= 0 ? null : "must be a whole number from 0";
            case MEDIA -> isUuid(value) ? null : "must be the id of a media item";
            case PARTS -> !(value instanceof List<?> parts) || parts.isEmpty() || parts.size() > MAX_THREAD_PARTS
                    ? "must be a list of 1 to " + MAX_THREAD_PARTS + " parts"
                    : parts.stream().anyMatch(p -> !partIsValid(p, option.maxLength()))
                    ? "must hold parts that are texts of 1 to " + option.maxLength() + " characters, or objects"
                      + " {text, media_ids} with such a text and 1 to " + MAX_PART_MEDIA + " media ids" : null;
        };
        return Optional.ofNullable(problem);
    }

    private static boolean partIsValid(Object part, int maxLength) {
        if (part instanceof Map<?, ?> withMedia) {
            return withMedia.keySet().stream().allMatch(k -> k.equals("text") || k.equals("media_ids"))
                   && textIsValid(withMedia.get("text"), maxLength)
                   && (!withMedia.containsKey("media_ids") || withMedia.get("media_ids") instanceof List<?> ids
                                                               && !ids.isEmpty() && ids.size() <= MAX_PART_MEDIA
                                                               && ids.stream().allMatch(TargetOptions::isUuid));
        }
        return textIsValid(part, maxLength);
    }

    private static boolean textIsValid(Object text, int maxLength) {
        return text instanceof String s && !s.isBlank() && s.length() <= maxLength && s.indexOf('\0') < 0;
    }

    private static boolean isUuid(Object id) {
        try {
            return id instanceof String s && UUID.fromString(s).toString().equals(s.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The JSON Schema (2020-12) of a platform's options, for clients that build their forms from it. */
    public static Map<String, Object> schema(PlatformKey platform) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (Option option : of(platform)) {
            Map<String, Object> property = new LinkedHashMap<>();
            switch (option.kind()) {
                case SWITCH -> {
                    property.put("type", "boolean");
                    property.put("default", option.onByDefault());
                }
                case CHOICE -> {
                    property.put("type", "string");
                    property.put("enum", option.choices());
                }
                case TEXT -> {
                    property.put("type", "string");
                    property.put("maxLength", option.maxLength());
                }
                case INDEX -> {
                    property.put("type", "integer");
                    property.put("minimum", 0);
                }
                case MEDIA -> {
                    property.put("type", "string");
                    property.put("format", "uuid");
                }
                case PARTS -> {
                    Map<String, Object> text = Map.of("type", "string", "minLength", 1, "maxLength",
                                                      option.maxLength());
                    Map<String, Object> withMedia = new LinkedHashMap<>();
                    withMedia.put("type", "object");
                    withMedia.put("properties", Map.of(
                            "text", text,
                            "media_ids", Map.of("type", "array", "minItems", 1, "maxItems", MAX_PART_MEDIA,
                                                "items", Map.of("type", "string", "format", "uuid"))));
                    withMedia.put("required", List.of("text"));
                    withMedia.put("additionalProperties", false);
                    property.put("type", "array");
                    property.put("items", Map.of("oneOf", List.of(text, withMedia)));
                    property.put("minItems", 1);
                    property.put("maxItems", MAX_THREAD_PARTS);
                }
            }
            property.put("description", option.description());
            properties.put(option.name(), property);
            if (option.requiredToSchedule()) {
                required.add(option.name());
            }
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("additionalProperties", false);
        if (!required.isEmpty()) {
            schema.put("x-required-to-schedule", required);
        }
        return schema;
    }
}
