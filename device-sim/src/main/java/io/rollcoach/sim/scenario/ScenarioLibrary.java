package io.rollcoach.sim.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The named scenarios shipped in the jar, and scenario files a user writes (format in docs/simulator.md).
 * Every error is a {@link ScenarioException} naming the file, the place and what is allowed.
 */
public final class ScenarioLibrary {
    private static final String RESOURCE_FOLDER = "/scenarios/";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()) // a key given twice is refused
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final List<String> SEGMENT_KEYS = List.of("step", "durationSeconds", "strokeMm",
        "cadencePerMinute", "loadFraction", "driftMm", "liftEverySeconds", "liftSeconds", "holdAtSeconds",
        "holdSeconds", "presses", "endPress", "restSeconds", "returnMode", "dragFraction", "restartAtSeconds");
    private static final List<String> TOP_KEYS = List.of("name", "description", "expect", "forbid", "corruptRate",
        "dropRate", "defaults", "segments");

    private ScenarioLibrary() {
    }

    /** The names of the scenarios shipped in the jar, in a sensible order. */
    public static List<String> names() {
        try (InputStream in = ScenarioLibrary.class.getResourceAsStream(RESOURCE_FOLDER + "index.txt")) {
            List<String> names = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.trim());
                }
            }
            return names;
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the jar's scenario index is missing", e);
        }
    }

    /** A shipped scenario by name, or a scenario file by path. */
    public static Scenario load(String nameOrPath) {
        if (names().contains(nameOrPath)) {
            try (InputStream in = ScenarioLibrary.class.getResourceAsStream(RESOURCE_FOLDER + nameOrPath + ".yaml")) {
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "scenario " + nameOrPath);
            } catch (IOException e) {
                throw new ScenarioException("cannot read built-in scenario " + nameOrPath + ": " + e.getMessage(), e);
            }
        }
        Path path = Path.of(nameOrPath);
        if (!Files.isRegularFile(path)) {
            throw new ScenarioException("no scenario named '" + nameOrPath + "' and no such file; built-in: "
                + String.join(", ", names()));
        }
        try {
            return parse(Files.readString(path), path.toString());
        } catch (IOException e) {
            throw new ScenarioException(path + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Parses scenario YAML; {@code source} names it in errors. */
    public static Scenario parse(String yaml, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ScenarioException(source + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
                + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ScenarioException(source + ": a scenario is a YAML mapping with name and segments");
        }
        checkKeys(root, TOP_KEYS, source, "");
        JsonNode defaults = root.path("defaults");
        if (!defaults.isMissingNode()) {
            checkKeys(defaults, SEGMENT_KEYS, source, "defaults.");
        }
        JsonNode segmentsNode = root.path("segments");
        if (!segmentsNode.isArray() || segmentsNode.isEmpty()) {
            throw new ScenarioException(source + ": 'segments' must be a non-empty list");
        }
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < segmentsNode.size(); i++) {
            String where = "segments[" + i + "].";
            JsonNode node = segmentsNode.get(i);
            if (!node.isObject()) {
                throw new ScenarioException(source + ": " + where.substring(0, where.length() - 1)
                    + " must be a mapping");
            }
            checkKeys(node, SEGMENT_KEYS, source, where);
            ObjectNode merged = defaults.isObject() ? ((ObjectNode) defaults).deepCopy() : YAML.createObjectNode();
            merged.setAll((ObjectNode) node);
            segments.add(segment(merged, source, where));
        }
        return new Scenario(
            text(root, "name", source, "", "custom"),
            text(root, "description", source, "", ""),
            segments,
            strings(root.path("expect"), source, "expect"),
            strings(root.path("forbid"), source, "forbid"),
            number(root, "corruptRate", 0, 0, 0.5, source, ""),
            number(root, "dropRate", 0, 0, 0.5, source, ""));
    }

    private static Segment segment(JsonNode node, String source, String where) {
        List<Segment.Press> presses = new ArrayList<>();
        JsonNode pressesNode = node.path("presses");
        for (int i = 0; i < pressesNode.size(); i++) {
            JsonNode press = pressesNode.get(i);
            String at = where + "presses[" + i + "].";
            String kind = text(press, "kind", source, at, "short");
            if (!kind.equals("short") && !kind.equals("long")) {
                throw new ScenarioException(source + ": " + at + "kind must be short or long, was '" + kind + "'");
            }
            presses.add(new Segment.Press(number(press, "atSeconds", 0, 0, 3600, source, at), kind));
        }
        String endPress = text(node, "endPress", source, where, "none");
        if (!List.of("none", "short", "long").contains(endPress)) {
            throw new ScenarioException(source + ": " + where + "endPress must be none, short or long, was '"
                + endPress + "'");
        }
        String returnMode = text(node, "returnMode", source, where, "roll");
        if (!List.of("roll", "lift", "drag").contains(returnMode)) {
            throw new ScenarioException(source + ": " + where + "returnMode must be roll, lift or drag, was '"
                + returnMode + "'");
        }
        double durationSeconds = number(node, "durationSeconds", Double.NaN, 0.1, 3600, source, where);
        double restSeconds = number(node, "restSeconds", 0, 0, 600, source, where);
        double restartAtSeconds = number(node, "restartAtSeconds", -1, -1, 3600, source, where);
        if (restartAtSeconds != -1 && !(restartAtSeconds >= 0 && restartAtSeconds < durationSeconds + restSeconds)) {
            throw new ScenarioException(source + ": " + where + "restartAtSeconds must be -1 (never) or within the "
                + "segment, from 0 to below durationSeconds + restSeconds (" + (durationSeconds + restSeconds)
                + "), was " + restartAtSeconds);
        }
        return new Segment(
            text(node, "step", source, where, "roll"),
            durationSeconds,
            number(node, "strokeMm", 38, 0, 400, source, where),
            number(node, "cadencePerMinute", 30, 1, 300, source, where),
            number(node, "loadFraction", 0.35, 0, 1.5, source, where),
            number(node, "driftMm", 0, -500, 500, source, where),
            number(node, "liftEverySeconds", 0, 0, 3600, source, where),
            number(node, "liftSeconds", 1.5, 0.1, 60, source, where),
            number(node, "holdAtSeconds", -1, -1, 3600, source, where),
            number(node, "holdSeconds", 0, 0, 600, source, where),
            presses, endPress,
            restSeconds,
            Segment.ReturnMode.valueOf(returnMode.toUpperCase(Locale.ROOT)),
            number(node, "dragFraction", 0.15, 0, 1.5, source, where),
            restartAtSeconds);
    }

    private static void checkKeys(JsonNode node, List<String> allowed, String source, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new ScenarioException(source + ": unknown key '" + where + key + "'; allowed: "
                    + String.join(", ", allowed));
            }
        }
    }

    private static double number(JsonNode node, String key, double fallback, double min, double max, String source,
                                 String where) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            if (Double.isNaN(fallback)) {
                throw new ScenarioException(source + ": " + where + key + " is required");
            }
            return fallback;
        }
        if (!value.isNumber()) {
            throw new ScenarioException(source + ": " + where + key + " must be a number, was '" + value.asText()
                + "'");
        }
        double number = value.doubleValue();
        if (number < min || number > max) {
            throw new ScenarioException(source + ": " + where + key + " must be from " + min + " to " + max
                + ", was " + number);
        }
        return number;
    }

    private static String text(JsonNode node, String key, String source, String where, String fallback) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isValueNode()) {
            throw new ScenarioException(source + ": " + where + key + " must be text");
        }
        return value.asText();
    }

    private static List<String> strings(JsonNode node, String source, String key) {
        List<String> out = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw new ScenarioException(source + ": " + key + " must be a list of \"rule verdict\" strings");
        }
        node.forEach(n -> out.add(n.asText()));
        return out;
    }
}
