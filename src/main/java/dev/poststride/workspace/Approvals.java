package dev.poststride.workspace;

import java.util.Locale;
import java.util.Optional;

/** Whose scheduled posts wait for an editor's approval in a workspace. */
public enum Approvals {
    /** Nobody's; contributors cannot schedule at all. */
    OFF,
    CONTRIBUTORS,
    EVERYONE;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Approvals> fromKey(String key) {
        for (Approvals approvals : values()) {
            if (approvals.key().equals(key)) {
                return Optional.of(approvals);
            }
        }
        return Optional.empty();
    }
}
