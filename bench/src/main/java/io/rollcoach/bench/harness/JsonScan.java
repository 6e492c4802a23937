package io.rollcoach.bench.harness;

/**
 * Reads one field out of the engine's compact JSON by scanning for its key, as the harness does thousands of times a
 * second: no parser, no tree. Good for the gateway's own output only (no whitespace after the colon, no escapes).
 */
final class JsonScan {
    private JsonScan() {
    }

    /** The number after {@code key} (given with its quotes and colon, e.g. {@code "\"n\":"}), or NaN. */
    static double number(String json, String key) {
        int at = json.indexOf(key);
        if (at < 0) {
            return Double.NaN;
        }
        int start = at + key.length();
        int end = start;
        while (end < json.length() && "-0123456789.".indexOf(json.charAt(end)) >= 0) {
            end++;
        }
        return Double.parseDouble(json.substring(start, end));
    }

    /** The string after {@code key} (given up to its opening quote, e.g. {@code "\"rule\":\""}), or empty. */
    static String text(String json, String key) {
        int at = json.indexOf(key);
        return at < 0 ? "" : json.substring(at + key.length(), json.indexOf('"', at + key.length()));
    }
}
