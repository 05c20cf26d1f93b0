package dev.poststride.platforms;

import java.util.List;

/**
 * One of a platform's per-target options ({@code targets[].options}): its name, kind, allowed choices or length,
 * whether scheduling needs it, and (switches) whether it is on when not given. A {@link Kind#PARTS} option is a list
 * of parts, each a text of at most {@code maxLength} or {@code {text, media_ids}} with up to {@code maxPartMedia}
 * media, at most {@code maxParts} parts; each part is checked as one post of the platform. A {@link Kind#MEDIA}
 * option names an image of the workspace shown with the post (a cover), which the platform takes in any aspect.
 */
public record TargetOption(String name, Kind kind, List<String> choices, int maxLength, boolean requiredToSchedule,
                           String description, boolean onByDefault, int maxParts, int maxPartMedia) {

    /** The kinds of value an option takes. */
    public enum Kind { SWITCH, CHOICE, TEXT, INDEX, PARTS, MEDIA }

    public static TargetOption choice(String name, List<String> choices, boolean required, String description) {
        return new TargetOption(name, Kind.CHOICE, choices, 0, required, description, false, 0, 0);
    }

    /** A switch that is off unless set. */
    public static TargetOption onOff(String name, String description) {
        return new TargetOption(name, Kind.SWITCH, List.of(), 0, false, description + " Off unless set.", false, 0, 0);
    }

    /** A switch that is on unless set to false. */
    public static TargetOption onUnlessOff(String name, String description) {
        return new TargetOption(name, Kind.SWITCH, List.of(), 0, false, description, true, 0, 0);
    }

    public static TargetOption text(String name, int maxLength, String description) {
        return new TargetOption(name, Kind.TEXT, List.of(), maxLength, false, description, false, 0, 0);
    }

    public static TargetOption index(String name, String description) {
        return new TargetOption(name, Kind.INDEX, List.of(), 0, false, description, false, 0, 0);
    }

    public static TargetOption media(String name, String description) {
        return new TargetOption(name, Kind.MEDIA, List.of(), 0, false, description, false, 0, 0);
    }

    public static TargetOption parts(String name, int maxParts, int maxLength, int maxPartMedia, String description) {
        return new TargetOption(name, Kind.PARTS, List.of(), maxLength, false, description, false, maxParts,
                                maxPartMedia);
    }

    /** A comment posted right after the post; its length limit is the platform's for comments. */
    public static TargetOption firstComment(int maxLength, String howCounted) {
        return text(FIRST_COMMENT, maxLength, "A comment posted right after the post (at most " + maxLength
                                              + " characters" + howCounted + "). Its own status is in the target's"
                                              + " first_comment; a failed comment never fails the published post.");
    }

    /** The option every platform that takes comments names the same: the engine posts it after the post. */
    public static final String FIRST_COMMENT = "first_comment";
}
