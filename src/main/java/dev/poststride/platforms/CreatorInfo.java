package dev.poststride.platforms;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A TikTok creator's posting settings as {@code creator_info} reports them now (platform-apis.md 5.2): the privacy
 * levels this creator may choose, the interactions they turned off, and the longest video they may post.
 */
@RegisterForReflection
public record CreatorInfo(String username, String nickname, List<String> privacyLevelOptions, boolean commentDisabled,
                          boolean duetDisabled, boolean stitchDisabled, Integer maxVideoPostDurationSec) {
}
