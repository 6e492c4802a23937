package io.rollcoach.gateway.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns a command's path and payload (empty, or a JSON object) into a checked {@link Command}. The only
 * exception it throws is {@link CommandException}, with a message naming what was wrong. Thread-safe.
 */
public final class CommandParser {
    /** Larger payloads are refused before parsing: no command needs more. */
    public static final int MAX_PAYLOAD_BYTES = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Integer> CUE_PATTERNS = Map.of("good", 1, "adjust", 2, "step-done", 3,
        "session-done", 4);

    public Command parse(String path, byte[] payload) throws CommandException {
        CommandName name = CommandName.fromPath(path);
        if (name == null) {
            throw new CommandException("unknown command '" + printable(path) + "'; known: " + knownPaths());
        }
        Map<String, Object> args = parseArguments(name, payload);
        switch (name) {
            case STEP_NEXT:
            case STEP_PREVIOUS:
            case SESSION_END:
            case MARK:
                allowOnly(name, args, Set.of());
                break;
            case SESSION_START:
                allowOnly(name, args, Set.of("person"));
                optionalText(args, "person", 64);
                break;
            case PERSON:
                allowOnly(name, args, Set.of("name", "bodyWeightKg", "units"));
                requireText(args, "name", 64);
                if (args.containsKey("bodyWeightKg")) {
                    requireNumber(args, "bodyWeightKg", 20, 300);
                }
                if (args.containsKey("units") && !Set.of("in", "cm").contains(args.get("units"))) {
                    throw new CommandException("units must be \"in\" or \"cm\", was " + args.get("units"));
                }
                break;
            case CUE:
                allowOnly(name, args, Set.of("pattern", "durationMs"));
                Object pattern = args.get("pattern");
                if (pattern instanceof String && CUE_PATTERNS.containsKey(pattern)) {
                    args.put("pattern", CUE_PATTERNS.get(pattern));
                } else if (pattern instanceof Number) {
                    requireNumber(args, "pattern", 1, 4);
                    args.put("pattern", ((Number) pattern).intValue());
                } else {
                    throw new CommandException("cue needs \"pattern\": one of good, adjust, step-done, "
                        + "session-done (or 1-4), was " + pattern);
                }
                if (args.containsKey("durationMs")) {
                    requireNumber(args, "durationMs", 1, 5000);
                    args.put("durationMs", ((Number) args.get("durationMs")).intValue());
                } else {
                    args.put("durationMs", 300);
                }
                break;
            case CONFIG:
                if (args.isEmpty()) {
                    throw new CommandException("config needs at least one key, e.g. {\"stroke.maxMm\": 55}");
                }
                break;
            default:
                throw new IllegalStateException("unhandled command " + name);
        }
        return new Command(name, args);
    }

    private static Map<String, Object> parseArguments(CommandName name, byte[] payload) throws CommandException {
        Map<String, Object> args = new LinkedHashMap<>();
        if (payload == null || payload.length == 0) {
            return args;
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new CommandException(name.path() + ": payload of " + payload.length + " bytes is over the "
                + MAX_PAYLOAD_BYTES + "-byte limit");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(payload)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new CommandException(name.path() + ": bad JSON: the payload is not UTF-8 text (" + payload.length
                + " bytes of binary data); send a JSON object or nothing");
        }
        // only JSON's own whitespace: String.trim() would also take control bytes and call a binary payload empty
        text = text.replaceAll("^[ \\t\\r\\n]+|[ \\t\\r\\n]+$", "");
        if (text.isEmpty()) {
            return args;
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonParseException e) {
            throw new CommandException(name.path() + ": bad JSON at line " + e.getLocation().getLineNr()
                + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new CommandException(name.path() + ": bad JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new CommandException(name.path() + ": payload must be a JSON object, was " + text.charAt(0) + "...");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (value.isNumber()) {
                args.put(field.getKey(), value.numberValue());
            } else if (value.isTextual()) {
                args.put(field.getKey(), value.textValue());
            } else if (value.isBoolean()) {
                args.put(field.getKey(), value.booleanValue());
            } else {
                throw new CommandException(name.path() + ": \"" + field.getKey()
                    + "\" must be a number, text or true/false, was " + value.getNodeType().name().toLowerCase());
            }
        }
        return args;
    }

    private static void allowOnly(CommandName name, Map<String, Object> args, Set<String> allowed)
        throws CommandException {
        for (String key : args.keySet()) {
            if (!allowed.contains(key)) {
                throw new CommandException(name.path() + " does not take \"" + printable(key) + "\""
                    + (allowed.isEmpty() ? "; send no payload" : "; it takes " + allowed));
            }
        }
    }

    private static void requireNumber(Map<String, Object> args, String key, double min, double max)
        throws CommandException {
        Object value = args.get(key);
        if (!(value instanceof Number)) {
            throw new CommandException("\"" + key + "\" must be a number from " + min + " to " + max + ", was "
                + value);
        }
        double number = ((Number) value).doubleValue();
        if (!(number >= min && number <= max)) {
            throw new CommandException("\"" + key + "\" must be from " + fmt(min) + " to " + fmt(max) + ", was "
                + fmt(number));
        }
    }

    private static void requireText(Map<String, Object> args, String key, int maxLength) throws CommandException {
        if (!(args.get(key) instanceof String)) {
            throw new CommandException("\"" + key + "\" is required, as text");
        }
        optionalText(args, key, maxLength);
    }

    private static void optionalText(Map<String, Object> args, String key, int maxLength) throws CommandException {
        Object value = args.get(key);
        if (value == null) {
            return;
        }
        if (!(value instanceof String) || ((String) value).isBlank() || ((String) value).length() > maxLength) {
            throw new CommandException("\"" + key + "\" must be text of 1 to " + maxLength + " characters");
        }
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static String knownPaths() {
        StringBuilder sb = new StringBuilder();
        for (CommandName name : CommandName.values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(name.path());
        }
        return sb.toString();
    }

    private static String printable(String text) {
        String cut = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
