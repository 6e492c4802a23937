package io.rollcoach.protocol.feedback;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An enum constant's name in JSON: lower case with hyphens ({@code TRIGGER_POINT} is {@code "trigger-point"}), kept
 * as ASCII bytes too so the event writer copies it without encoding.
 */
record JsonName(String text, byte[] ascii) {

    /** What an enum with a JSON name offers. */
    interface Named {
        String jsonName();
    }

    static JsonName of(Enum<?> constant) {
        String text = constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
        return new JsonName(text, text.getBytes(StandardCharsets.US_ASCII));
    }

    /** The constant with this JSON name, or null. */
    static <E extends Named> E find(E[] constants, String name) {
        for (E constant : constants) {
            if (constant.jsonName().equals(name)) {
                return constant;
            }
        }
        return null;
    }
}
