package dev.poststride.platform;

import dev.poststride.platforms.PlatformKey;
import java.util.UUID;

/** A connection as a post's target sees it: which platform, whether it can publish, and that platform's rules. */
public record TargetAccount(UUID connectionId, PlatformKey platform, String status, PlatformView rules) {

    public boolean active() {
        return PlatformConnection.ACTIVE.equals(status);
    }
}
