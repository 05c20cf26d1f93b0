package dev.poststride.platforms;

/**
 * How a platform counts a text against its limit. Most count characters (Unicode code points); X weighs them
 * ({@code platforms/x}); Threads counts emoji as their UTF-8 bytes.
 */
public interface TextCounting {

    /** Code points: what most platforms count. */
    TextCounting CHARACTERS = new TextCounting() {
        @Override
        public String name() {
            return "characters";
        }

        @Override
        public int count(String text) {
            return text.codePointCount(0, text.length());
        }

        @Override
        public String unit() {
            return "characters";
        }
    };

    /** The name clients see ({@code text_counting}: "characters", "weighted", ...). */
    String name();

    int count(String text);

    /** What is counted, in words for messages: "characters", "weighted characters (links count 23, ...)". */
    String unit();
}
