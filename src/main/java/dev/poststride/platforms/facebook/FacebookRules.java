package dev.poststride.platforms.facebook;

import dev.poststride.platforms.PostingRules;
import dev.poststride.platforms.TargetOption;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** A Facebook Page post's option: a first comment (by the Page). Meta publishes no video limits for Pages. */
@ApplicationScoped
class FacebookRules implements PostingRules {

    private static final List<TargetOption> OPTIONS = List.of(TargetOption.firstComment(8000, ""));

    @Override
    public List<TargetOption> options() {
        return OPTIONS;
    }
}
