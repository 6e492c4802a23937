package io.rollcoach.gateway.command;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns a command's path and payload (empty, or a JSON object) into one of the {@link Command} records: the edge where
 * every command from MQTT and the display is checked, once. The only exception it throws is {@link CommandException},
 * with a message naming what was wrong. Thread-safe.
 */
public final class CommandParser {
    /** Larger payloads are refused before parsing: no command needs more. */
    public static final int MAX_PAYLOAD_BYTES = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();

    public Command parse(String path, byte[] payload) throws CommandException {
        CommandName name = CommandName.fromPath(path);
        if (name == null) {
            throw new CommandException("unknown command '" + printable(path) + "'; known: " + knownPaths());
        }
        Map<String, Object> args = parseArguments(name, payload);
        try {
            return command(name, args);
        } catch (IllegalArgumentException e) {
            // the record's own check: its message already names the key, the rule and the value
            throw new CommandException(e.getMessage());
        }
    }

    private static Command command(CommandName name, Map<String, Object> args) throws CommandException {
        switch (name) {
            case STEP_NEXT:
                allowOnly(name, args, List.of());
                return new Command.NextStep();
            case STEP_PREVIOUS:
                allowOnly(name, args, List.of());
                return new Command.PreviousStep();
            case SESSION_END:
                allowOnly(name, args, List.of());
                return new Command.EndSession();
            case MARK:
                allowOnly(name, args, List.of());
                return new Command.Mark();
            case SESSION_START:
                allowOnly(name, args, List.of("person"));
                return new Command.StartSession(optionalText(args, "person"));
            case PERSON:
                allowOnly(name, args, List.of("name", "bodyWeightKg", "units"));
                if (!(args.get("name") instanceof String)) {
                    throw new CommandException("\"name\" is required, as text");
                }
                Double bodyWeightKg = args.containsKey("bodyWeightKg") ? number(args, "bodyWeightKg",
                    Command.SetPerson.MIN_BODY_WEIGHT_KG, Command.SetPerson.MAX_BODY_WEIGHT_KG) : null;
                Object units = args.get("units");
                if (units != null && !(units instanceof String)) {
                    throw new CommandException("units must be \"in\" or \"cm\", was " + units);
                }
                return new Command.SetPerson((String) args.get("name"), bodyWeightKg, (String) units);
            case CUE:
                allowOnly(name, args, List.of("pattern", "durationMs"));
                Object pattern = args.get("pattern");
                int code;
                if (pattern instanceof String && Command.Cue.code((String) pattern) > 0) {
                    code = Command.Cue.code((String) pattern);
                } else if (pattern instanceof Number) {
                    code = (int) number(args, "pattern", 1, Command.Cue.PATTERNS.size());
                } else {
                    throw new CommandException("cue needs \"pattern\": one of " + String.join(", ",
                        Command.Cue.PATTERNS) + " (or 1-" + Command.Cue.PATTERNS.size() + "), was " + pattern);
                }
                int durationMs = args.containsKey("durationMs") ? (int) number(args, "durationMs",
                    Command.Cue.MIN_DURATION_MS, Command.Cue.MAX_DURATION_MS) : Command.Cue.DEFAULT_DURATION_MS;
                return new Command.Cue(code, durationMs);
            case CONFIG:
                return new Command.Configure(args);
            default:
                throw new IllegalStateException("unhandled command " + name);
        }
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
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
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

    private static void allowOnly(CommandName name, Map<String, Object> args, List<String> allowed)
        throws CommandException {
        for (String key : args.keySet()) {
            if (!allowed.contains(key)) {
                throw new CommandException(name.path() + " does not take \"" + printable(key) + "\""
                    + (allowed.isEmpty() ? "; send no payload" : "; it takes " + allowed));
            }
        }
    }

    /** A number within [min, max], checked as sent (before any rounding to a whole number). */
    private static double number(Map<String, Object> args, String key, double min, double max)
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
        return number;
    }

    /** Text or nothing; the record checks its length. */
    private static String optionalText(Map<String, Object> args, String key) throws CommandException {
        Object value = args.get(key);
        if (value != null && !(value instanceof String)) {
            throw new CommandException("\"" + key + "\" must be text of 1 to " + Command.MAX_PERSON_NAME
                + " characters");
        }
        return (String) value;
    }

    private static String fmt(double value) {
        return Command.fmt(value);
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
