package dev.poststride.platforms.x;

import dev.poststride.platforms.TextCounting;
import java.text.Normalizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How X counts text, as its twitter-text library does: every URL counts 23 (t.co), code points in the Latin, Greek,
 * Cyrillic and similar ranges count 1, everything else (CJK, emoji) counts 2, and an emoji sequence joined by ZWJ,
 * variation selectors or skin-tone modifiers counts once.
 */
final class XText implements TextCounting {

    static final XText WEIGHTED = new XText();
    static final int URL_WEIGHT = 23;
    private static final Pattern URL = Pattern.compile(
            "(?i)\\bhttps?://[^\\s<>\"]+|\\b(?:[a-z0-9-]+\\.)+(?:com|org|net|io|dev|co|app|ly|me|info|edu|gov)(?:/[^\\s<>\"]*)?");

    private XText() {
    }

    @Override
    public String name() {
        return "weighted";
    }

    @Override
    public String unit() {
        return "weighted characters (links count 23, emoji and CJK count 2)";
    }

    @Override
    public int count(String text) {
        String normalized = Normalizer.normalize(text, Normalizer.Form.NFC);
        Matcher urls = URL.matcher(normalized);
        int weight = 0;
        int last = 0;
        while (urls.find()) {
            weight += weightOf(normalized.substring(last, urls.start())) + URL_WEIGHT;
            last = urls.end();
        }
        return weight + weightOf(normalized.substring(last));
    }

    private static int weightOf(String text) {
        int weight = 0;
        boolean joinNext = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == 0x200D) { // zero-width joiner: the next code point belongs to the same emoji
                joinNext = true;
                continue;
            }
            if ((cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x1F3FB && cp <= 0x1F3FF)) {
                continue; // variation selectors and skin tones modify the emoji before them
            }
            if (joinNext) {
                joinNext = false;
                continue;
            }
            weight += isLight(cp) ? 1 : 2;
        }
        return weight;
    }

    /** twitter-text's weight-100 ranges. */
    private static boolean isLight(int cp) {
        return (cp <= 0x10FF) || (cp >= 0x2000 && cp <= 0x200D) || (cp >= 0x2010 && cp <= 0x201F)
               || (cp >= 0x2032 && cp <= 0x2037);
    }
}
