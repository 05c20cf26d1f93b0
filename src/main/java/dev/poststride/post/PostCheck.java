package dev.poststride.post;

import dev.poststride.common.Problem.FieldError;
import dev.poststride.platforms.CreatorInfo;
import dev.poststride.platforms.PublishingQuota;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The answer of {@code POST /api/posts/validate}: what saving the same body would do, without saving anything.
 * {@code valid} is whether it would be saved; {@code status} what it would be saved as ({@code pending_approval}
 * where the workspace wants approval of the caller); {@code errors} every broken rule, as a 422 would list them; and
 * per target what would be published.
 */
@RegisterForReflection
public record PostCheck(boolean valid, String status, List<FieldError> errors, List<TargetCheck> targets) {

    /**
     * One target: its platform, the text it would get and its counted length against the platform's limit (X counts
     * weighted characters), the media, the options, the images it would publish as derived copies and why, what the platform said of the account now where it can be asked
     * (TikTok's creator_info; Instagram's publishing quota in its rolling window), and the errors of this target.
     */
    @RegisterForReflection
    public record TargetCheck(int index, UUID connectionId, String platform, String content, int length,
                              int textLimit, String textCounting, List<UUID> mediaIds, Map<String, Object> options,
                              List<FittedMedia> fittedMedia, CreatorInfo creator, PublishingQuota quota,
                              List<FieldError> errors) {
    }
}
