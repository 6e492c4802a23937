package io.rollcoach.gateway.command;

/** The answer to a command: ok, or what was wrong, in words a person can act on. */
public record CommandResult(boolean ok, String message) {
    public static CommandResult ok(String message) {
        return new CommandResult(true, message);
    }

    public static CommandResult error(String message) {
        return new CommandResult(false, message);
    }

    /** {@code {"ok":true,"message":"..."}}, with an optional command name. */
    public String toJson(String command) {
        StringBuilder sb = new StringBuilder(64 + message.length());
        sb.append("{\"ok\":").append(ok);
        if (command != null) {
            sb.append(",\"command\":");
            appendQuoted(sb, command);
        }
        sb.append(",\"message\":");
        appendQuoted(sb, message);
        return sb.append('}').toString();
    }

    private static void appendQuoted(StringBuilder sb, String text) {
        sb.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }
}
