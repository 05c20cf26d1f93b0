package dev.poststride.platforms.threads;

import dev.poststride.platforms.TextCounting;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How Threads counts a text (platform-apis-more.md 10.5): 500 characters, where "emojis are counted as the number of
 * UTF-8 bytes". A character counts 1; an emoji code point (Unicode's Extended_Pictographic, as
 * {@link Character#isExtendedPictographic} knows it from the JDK's own Unicode tables) and the code points that only
 * build emoji (skin-tone modifiers, the zero-width joiner, variation selector 16, regional indicators, the keycap
 * mark, tags) count their UTF-8 bytes: 👍 is 4, 👍🏽 is 8, ❤️ is 6. And its links: at most 5 different ones.
 */
final class ThreadsText {

    /** Meta's limit of distinct links in a post (more fails with THREADS_API__LINK_LIMIT_EXCEEDED). */
    static final int MAX_LINKS = 5;

    /** A link as a reader sees one: a web address with its scheme, or starting with {@code www.}. */
    private static final Pattern LINK = Pattern.compile("(?i)\\b(?:https?://|www\\.)[^\\s<>\"]+");

    static final TextCounting COUNTING = new TextCounting() {
        @Override
        public String name() {
            return "emoji_as_utf8_bytes";
        }

        @Override
        public int count(String text) {
            return ThreadsText.count(text);
        }

        @Override
        public String unit() {
            return "characters (an emoji counts as many as its UTF-8 bytes)";
        }
    };

    private ThreadsText() {
    }

    static int count(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            count += emojiPart(codePoint) ? new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)
                    .length : 1;
            i += Character.charCount(codePoint);
        }
        return count;
    }

    /** The distinct links of a text (a trailing full stop, comma or bracket is punctuation, not the link's). */
    static Set<String> links(String text) {
        Set<String> links = new LinkedHashSet<>();
        Matcher matcher = LINK.matcher(text);
        while (matcher.find()) {
            String link = matcher.group().replaceFirst("[.,;:!?)\\]}'»”]+$", "");
            links.add(link.toLowerCase(Locale.ROOT).replaceFirst("^https?://", "").replaceFirst("/$", ""));
        }
        return links;
    }

    private static boolean emojiPart(int codePoint) {
        return Character.isExtendedPictographic(codePoint) || Character.isEmojiModifier(codePoint)
               || codePoint == 0x200D || codePoint == 0xFE0F || codePoint == 0x20E3
               || codePoint >= 0x1F1E6 && codePoint <= 0x1F1FF || codePoint >= 0xE0020 && codePoint <= 0xE007F;
    }
}
