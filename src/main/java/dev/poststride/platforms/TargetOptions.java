package dev.poststride.platforms;

import dev.poststride.common.Problem.FieldError;
import dev.poststride.platforms.TargetOption.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What {@code targets[].options} may hold, checked when a post is saved and described to clients as a JSON Schema
 * ({@code GET /api/platforms}, {@code options_schema}), from a platform's {@link TargetOption}s. Options are flat:
 * switches, choices, short texts, indexes, media ids and lists of parts; a platform without options takes none.
 */
public final class TargetOptions {

    private TargetOptions() {
    }

    /** A part of a {@link Kind#PARTS} option: its text and the media it carries (none for a text-only part). */
    public record Part(String text, List<UUID> mediaIds) {
    }

    /** The {@link Kind#PARTS} option among {@code options}, if the platform has one. */
    public static Optional<TargetOption> partsOption(List<TargetOption> options) {
        return options.stream().filter(o -> o.kind() == Kind.PARTS).findFirst();
    }

    /**
     * The parts given for the platform's {@link Kind#PARTS} option, each a text or {@code {text, media_ids}}; empty
     * when there are none. Only for values that passed {@link #check}.
     */
    public static List<Part> parts(List<TargetOption> options, Map<String, Object> values) {
        Optional<TargetOption> option = partsOption(options);
        if (option.isEmpty() || !(values.get(option.get().name()) instanceof List<?> parts)) {
            return List.of();
        }
        List<Part> read = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof Map<?, ?> withMedia) {
                List<UUID> ids = withMedia.get("media_ids") instanceof List<?> given
                        ? given.stream().map(id -> UUID.fromString((String) id)).toList() : List.of();
                read.add(new Part((String) withMedia.get("text"), ids));
            } else {
                read.add(new Part((String) part, List.of()));
            }
        }
        return read;
    }

    /** The media ids the {@link Kind#MEDIA} options name, by option name (values that passed {@link #check}). */
    public static Map<String, UUID> namedMedia(List<TargetOption> options, Map<String, Object> values) {
        Map<String, UUID> named = new LinkedHashMap<>();
        for (TargetOption option : options) {
            if (option.kind() == Kind.MEDIA && values.get(option.name()) instanceof String id) {
                named.put(option.name(), UUID.fromString(id));
            }
        }
        return named;
    }

    /** Every broken rule of {@code values} for a target at {@code field} ({@code targets[i]}). */
    public static List<FieldError> check(String field, PlatformKey platform, List<TargetOption> options,
                                         Map<String, Object> values, boolean scheduling) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, TargetOption> known = new LinkedHashMap<>();
        options.forEach(o -> known.put(o.name(), o));
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            TargetOption option = known.get(entry.getKey());
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
            for (TargetOption option : known.values()) {
                if (option.requiredToSchedule() && values.get(option.name()) == null) {
                    errors.add(new FieldError(field + ".options." + option.name(), "is required to schedule a post"
                                                                                   + " to " + platform.key() + ": "
                                                                                   + option.description(),
                                              "option_required"));
                }
            }
        }
        return errors;
    }

    private static Optional<String> wrongValue(TargetOption option, Object value) {
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
            case PARTS -> !(value instanceof List<?> parts) || parts.isEmpty() || parts.size() > option.maxParts()
                    ? "must be a list of 1 to " + option.maxParts() + " parts"
                    : parts.stream().anyMatch(p -> !partIsValid(p, option))
                    ? "must hold parts that are texts of 1 to " + option.maxLength() + " characters, or objects"
                      + " {text, media_ids} with such a text and 1 to " + option.maxPartMedia() + " media ids" : null;
        };
        return Optional.ofNullable(problem);
    }

    private static boolean partIsValid(Object part, TargetOption option) {
        if (part instanceof Map<?, ?> withMedia) {
            return withMedia.keySet().stream().allMatch(k -> k.equals("text") || k.equals("media_ids"))
                   && textIsValid(withMedia.get("text"), option.maxLength())
                   && (!withMedia.containsKey("media_ids") || withMedia.get("media_ids") instanceof List<?> ids
                                                               && !ids.isEmpty() && ids.size() <= option.maxPartMedia()
                                                               && ids.stream().allMatch(TargetOptions::isUuid));
        }
        return textIsValid(part, option.maxLength());
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
    public static Map<String, Object> schema(List<TargetOption> options) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (TargetOption option : options) {
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
                            "media_ids", Map.of("type", "array", "minItems", 1, "maxItems", option.maxPartMedia(),
                                                "items", Map.of("type", "string", "format", "uuid"))));
                    withMedia.put("required", List.of("text"));
                    withMedia.put("additionalProperties", false);
                    property.put("type", "array");
                    property.put("items", Map.of("oneOf", List.of(text, withMedia)));
                    property.put("minItems", 1);
                    property.put("maxItems", option.maxParts());
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
