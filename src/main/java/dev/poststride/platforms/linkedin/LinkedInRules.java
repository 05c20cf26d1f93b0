package dev.poststride.platforms.linkedin;

import dev.poststride.platforms.PostingRules;
import dev.poststride.platforms.TargetOption;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * LinkedIn's options: a first comment (by the post's author), and a document post's title. LinkedIn publishes no
 * video limits.
 */
@ApplicationScoped
class LinkedInRules implements PostingRules {

    static final String DOCUMENT_TITLE = "document_title";

    private static final List<TargetOption> OPTIONS = List.of(
            TargetOption.firstComment(1250, ""),
            TargetOption.text(DOCUMENT_TITLE, 400, "Title of a document post, shown above its pages; default: the"
                                                   + " file's name without its extension."));

    @Override
    public List<TargetOption> options() {
        return OPTIONS;
    }
}
