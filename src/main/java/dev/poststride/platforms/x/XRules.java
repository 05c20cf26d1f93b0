package dev.poststride.platforms.x;

import dev.poststride.common.Problem.FieldError;
import dev.poststride.platforms.PostingRules;
import dev.poststride.platforms.TargetDraft;
import dev.poststride.platforms.TargetOption;
import dev.poststride.platforms.TargetOptions;
import dev.poststride.platforms.TextCounting;
import dev.poststride.platforms.VideoLimits;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * X's options (a first comment posted as a reply; a thread), its weighted text counting, its video limits (H.264, at
 * most 60 fps, aspect between 1:3 and 3:1: platform-apis.md 1.4), and the texts beyond the post itself counted as X
 * counts them: the first comment and each part of a thread. A thread and a first comment do not go together: the
 * thread's parts are the replies.
 */
@ApplicationScoped
class XRules implements PostingRules {

    /** X's limit per post, in weighted characters (the options' schema; the checks take the catalogue's). */
    static final int LIMIT = 280;
    /** The most parts after the post itself that a thread takes (X threads of 25 posts). */
    static final int MAX_THREAD_PARTS = 24;
    /** The most media one part of a thread carries (up to 4 images, or one GIF or video). */
    static final int MAX_PART_MEDIA = 4;
    static final String THREAD = "thread";

    private static final List<TargetOption> OPTIONS = List.of(
            TargetOption.firstComment(LIMIT, ", weighted as X counts them; posted as a reply"),
            TargetOption.parts(THREAD, MAX_THREAD_PARTS, LIMIT, MAX_PART_MEDIA,
                               "The parts that follow the post as a thread, in order, each a reply to the one before"
                               + " (at most " + MAX_THREAD_PARTS + " parts of " + LIMIT + " weighted characters). A"
                               + " part is its text, or {text, media_ids} with up to " + MAX_PART_MEDIA + " media of"
                               + " the workspace (X's rules per post apply to each part). Posted part by part: a"
                               + " failure resumes at the next part and never posts an earlier one again."));

    private static final VideoLimits VIDEO = new VideoLimits("X", VideoLimits.H264, "H.264", 0, 60, null, null, null,
                                                             3.0);

    @Override
    public List<TargetOption> options() {
        return OPTIONS;
    }

    @Override
    public TextCounting counting() {
        return XText.WEIGHTED;
    }

    @Override
    public Optional<VideoLimits> videoLimits() {
        return Optional.of(VIDEO);
    }

    @Override
    public List<FieldError> check(TargetDraft target) {
        List<FieldError> errors = new ArrayList<>();
        String at = target.field() + ".options.";
        int limit = target.textLimit();
        if (target.options().get(TargetOption.FIRST_COMMENT) instanceof String reply
            && XText.WEIGHTED.count(reply) > limit) {
            errors.add(new FieldError(at + TargetOption.FIRST_COMMENT, "X allows " + limit + " weighted characters in"
                                                                       + " a reply; this one has "
                                                                       + XText.WEIGHTED.count(reply) + ".",
                                      "text_limit"));
        }
        if (target.options().get(THREAD) instanceof List<?>) {
            List<TargetOptions.Part> parts = TargetOptions.parts(OPTIONS, target.options());
            for (int i = 0; i < parts.size(); i++) {
                int length = XText.WEIGHTED.count(parts.get(i).text());
                if (length > limit) {
                    errors.add(new FieldError(at + THREAD + "[" + i + "]", "X allows " + limit + " weighted"
                                                                           + " characters per post; this part has "
                                                                           + length + ".", "text_limit"));
                }
            }
            if (target.options().containsKey(TargetOption.FIRST_COMMENT)) {
                errors.add(new FieldError(at + TargetOption.FIRST_COMMENT, "a thread's parts are its replies; add the"
                                                                           + " comment as the thread's last part",
                                          "thread_with_comment"));
            }
        }
        return errors;
    }
}
