package io.rollcoach.gateway.display;

/** JSON text for the few values the display writes itself; the engine's messages pass through untouched. */
final class Json {
    private Json() {
    }

    static StringBuilder quote(StringBuilder sb, String text) {
        if (text == null) {
            return sb.append("null");
        }
        sb.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
                // also escapes what would end a <script> block or break a JavaScript string
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"');
    }

    static String quote(String text) {
        return quote(new StringBuilder(), text).toString();
    }
}
