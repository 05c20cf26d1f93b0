package dev.poststride.post;

import dev.poststride.common.Problem.FieldError;
import dev.poststride.platform.TargetOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An X target's texts beyond the post itself, counted as X counts them (weighted: links 23, emoji and CJK 2): the
 * first comment (a reply) and each part of a thread. A thread and a first comment do not go together: the thread's
 * parts are the replies.
 */
final class XChoices {

    private XChoices() {
    }

    static List<FieldError> check(String field, Map<String, Object> options, int limit) {
        List<FieldError> errors = new ArrayList<>();
        String at = field + ".options.";
        if (options.get("first_comment") instanceof String reply && TextLength.xWeighted(reply) > limit) {
            errors.add(new FieldError(at + "first_comment", "X allows " + limit + " weighted characters in a reply;"
                                                            + " this one has " + TextLength.xWeighted(reply) + ".",
                                      "text_limit"));
        }
        if (options.get("thread") instanceof List<?>) {
            List<TargetOptions.ThreadPart> parts = TargetOptions.threadParts(options);
            for (int i = 0; i < parts.size(); i++) {
                int length = TextLength.xWeighted(parts.get(i).text());
                if (length > limit) {
                    errors.add(new FieldError(at + "thread[" + i + "]", "X allows " + limit + " weighted characters"
                                                                        + " per post; this part has " + length + ".",
                                              "text_limit"));
                }
            }
            if (options.containsKey("first_comment")) {
                errors.add(new FieldError(at + "first_comment", "a thread's parts are its replies; add the comment"
                                                                + " as the thread's last part", "thread_with_comment"));
            }
        }
        return errors;
    }
}
