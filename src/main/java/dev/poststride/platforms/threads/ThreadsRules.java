package dev.poststride.platforms.threads;

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
 * Threads' options (a first comment and a thread, both posted as replies; who may reply) and its checks
 * (platform-apis-more.md 10.2–10.5): 500 characters with emoji counted as their UTF-8 bytes, at most 5 distinct links,
 * for the post, its first comment and every part of its thread; videos in H.264 or HEVC at 23–60 fps, at most 1920 px
 * wide and 5 minutes.
 */
@ApplicationScoped
class ThreadsRules implements PostingRules {

    /** Threads' limit per post and per reply (the options' schema; the checks take the catalogue's). */
    static final int LIMIT = 500;
    /** The most replies after the post that a thread takes: every part counts against 1,000 replies a day. */
    static final int MAX_THREAD_PARTS = 24;
    /** The most media one part of a thread carries (a carousel of up to 20). */
    static final int MAX_PART_MEDIA = 20;
    static final String THREAD = "thread";
    static final String REPLY_CONTROL = "reply_control";

    private static final List<TargetOption> OPTIONS = List.of(
            TargetOption.firstComment(LIMIT, ", emoji counted as their UTF-8 bytes; posted as a reply (it counts"
                                             + " against the profile's 1,000 replies a day)"),
            TargetOption.parts(THREAD, MAX_THREAD_PARTS, LIMIT, MAX_PART_MEDIA,
                               "The parts that follow the post as a thread, in order, each a reply to the one before"
                               + " (at most " + MAX_THREAD_PARTS + " parts of " + LIMIT + " characters, emoji counted"
                               + " as their UTF-8 bytes, and at most " + ThreadsText.MAX_LINKS + " links each). A part"
                               + " is its text, or {text, media_ids} with up to " + MAX_PART_MEDIA + " media of the"
                               + " workspace. Posted part by part: a failure resumes at the next part and never"
                               + " posts an earlier one again. Each part counts against the 1,000 replies a day."),
            TargetOption.choice(REPLY_CONTROL, List.of("everyone", "accounts_you_follow", "mentioned_only",
                                                       "parent_post_author_only", "followers_only"), false,
                                "Who may reply to the post (Threads' reply_control); unset: everyone."));

    private static final VideoLimits VIDEO = new VideoLimits("Threads", VideoLimits.H264_H265, "H.264 or HEVC", 23,
                                                             60, null, null, 1920, null);

    @Override
    public List<TargetOption> options() {
        return OPTIONS;
    }

    @Override
    public TextCounting counting() {
        return ThreadsText.COUNTING;
    }

    @Override
    public Optional<VideoLimits> videoLimits() {
        return Optional.of(VIDEO);
    }

    @Override
    public List<FieldError> check(TargetDraft target) {
        List<FieldError> errors = new ArrayList<>();
        int limit = target.textLimit();
        String at = target.field() + ".options.";
        links(target.field() + ".content", target.text(), errors);
        if (target.options().get(TargetOption.FIRST_COMMENT) instanceof String reply) {
            length(at + TargetOption.FIRST_COMMENT, reply, limit, errors);
            links(at + TargetOption.FIRST_COMMENT, reply, errors);
        }
        if (target.options().get(THREAD) instanceof List<?>) {
            List<TargetOptions.Part> parts = TargetOptions.parts(OPTIONS, target.options());
            for (int i = 0; i < parts.size(); i++) {
                length(at + THREAD + "[" + i + "]", parts.get(i).text(), limit, errors);
                links(at + THREAD + "[" + i + "]", parts.get(i).text(), errors);
            }
            if (target.options().containsKey(TargetOption.FIRST_COMMENT)) {
                errors.add(new FieldError(at + TargetOption.FIRST_COMMENT, "a thread's parts are its replies; add the"
                                                                           + " comment as the thread's last part",
                                          "thread_with_comment"));
            }
        }
        return errors;
    }

    private static void length(String field, String text, int limit, List<FieldError> errors) {
        int length = ThreadsText.count(text);
        if (length > limit) {
            errors.add(new FieldError(field, "Threads allows " + limit + " characters (an emoji counts as many as its"
                                             + " UTF-8 bytes); this text has " + length + ".", "text_limit"));
        }
    }

    private static void links(String field, String text, List<FieldError> errors) {
        int links = text == null ? 0 : ThreadsText.links(text).size();
        if (links > ThreadsText.MAX_LINKS) {
            errors.add(new FieldError(field, "Threads takes at most " + ThreadsText.MAX_LINKS + " different links in a"
                                             + " post; this text has " + links + ".", "link_limit"));
        }
    }
}
