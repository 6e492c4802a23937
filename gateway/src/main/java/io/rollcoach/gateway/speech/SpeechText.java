package io.rollcoach.gateway.speech;

import java.util.regex.Pattern;

/**
 * Turns a message written for the eye into words for the ear: "3.9 in" is "3.9 inches", "12 s" is "12 seconds",
 * "1-2" is "1 to 2". The page's display.js does the same (its {@code speakable}); a {@code speech} text from the
 * engine is already written to be read aloud and passes through unchanged in meaning.
 */
final class SpeechText {
    private static final Pattern[] FROM = {
        Pattern.compile("(\\d)\\s*[-\u2013]\\s*(\\d)"),
        Pattern.compile("(\\d)\\s*/\\s*min\\b"),
        Pattern.compile("(\\d)\\s*in\\b"),
        Pattern.compile("(\\d)\\s*cm\\b"),
        Pattern.compile("(\\d)\\s*mm\\b"),
        Pattern.compile("(\\d)\\s*N\\b"),
        Pattern.compile("(\\d)\\s*s\\b"),
        Pattern.compile("(\\d)\\s*%"),
        Pattern.compile("\\s*[;:]\\s*"),
        Pattern.compile("(?<![\\d.])1 inches\\b"),
        Pattern.compile("(?<![\\d.])1 (second|newton|centimetre|millimetre)s\\b"),
    };
    private static final String[] TO = {
        "$1 to $2", "$1 per minute", "$1 inches", "$1 centimetres", "$1 millimetres", "$1 newtons", "$1 seconds",
        "$1 percent", ". ", "1 inch", "1 $1",
    };

    private SpeechText() {
    }

    static String speakable(String text) {
        String out = text == null ? "" : text;
        for (int i = 0; i < FROM.length; i++) {
            out = FROM[i].matcher(out).replaceAll(TO[i]);
        }
        return out.trim();
    }
}
