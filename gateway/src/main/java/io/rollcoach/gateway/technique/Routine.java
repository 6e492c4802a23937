package io.rollcoach.gateway.technique;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The ordered steps of a session, both legs, as a data file (default: the guide's, {@code routines/guide-calf.yaml}).
 * Loading checks everything and throws IllegalArgumentException naming the file, key and what is allowed.
 */
public record Routine(String name, List<RoutineStep> steps, Map<String, Double> tissueTargets,
                      Map<String, String> tissueTitles,
                      double sessionMinSeconds, double sessionMaxSeconds) {
    public static final String DEFAULT_RESOURCE = "/routines/guide-calf.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()) // a key given twice is refused
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> TOP_KEYS = Set.of("name", "legs", "sessionMinSeconds", "sessionMaxSeconds",
        "tissues", "steps");
    private static final Set<String> STEP_KEYS = Set.of("id", "title", "tissue", "kind", "targetSeconds",
        "minRepetitions", "maxRepetitions");

    public Routine {
        steps = List.copyOf(steps);
        tissueTargets = Map.copyOf(tissueTargets);
        tissueTitles = Map.copyOf(tissueTitles);
    }

    /** The guide's routine, shipped in the jar. */
    public static Routine guide() {
        try (InputStream in = Routine.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "routine " + DEFAULT_RESOURCE);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the jar's default routine is missing", e);
        }
    }

    public static Routine load(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the routine file: " + e.getMessage(), e);
        }
    }

    public static Routine parse(String yaml, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException(source
                + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr()) + ": not valid YAML: "
                + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + ": a routine is a mapping with name, legs, tissues and steps");
        }
        keys(root, TOP_KEYS, source, "");
        List<String> legs = new ArrayList<>();
        root.path("legs").forEach(n -> legs.add(n.asText()));
        if (legs.isEmpty()) {
            legs.add("");
        }
        Map<String, Double> tissues = new LinkedHashMap<>();
        Map<String, String> tissueTitles = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("tissues").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> tissue = it.next();
            double target = number(tissue.getValue(), "targetSeconds", Double.NaN, 90, 3600, source,
                "tissues." + tissue.getKey() + ".");
            tissues.put(tissue.getKey(), target);
            tissueTitles.put(tissue.getKey(), tissue.getValue().path("title").asText(tissue.getKey()));
        }
        JsonNode stepsNode = root.path("steps");
        if (!stepsNode.isArray() || stepsNode.isEmpty()) {
            throw new IllegalArgumentException(source + ": 'steps' must be a non-empty list");
        }
        Map<String, Integer> firstWithId = new HashMap<>();
        for (int i = 0; i < stepsNode.size(); i++) {
            String id = stepsNode.get(i).path("id").asText("");
            Integer earlier = id.isEmpty() ? null : firstWithId.putIfAbsent(id, i); // a missing id: said below
            if (earlier != null) {
                // commands and the history name steps by id: two alike could not be told apart
                throw new IllegalArgumentException(source + ": steps[" + i + "].id '" + id + "' is already the id of "
                    + "steps[" + earlier + "]");
            }
        }
        List<RoutineStep> steps = new ArrayList<>();
        for (String leg : legs) {
            for (int i = 0; i < stepsNode.size(); i++) {
                JsonNode step = stepsNode.get(i);
                String where = "steps[" + i + "].";
                keys(step, STEP_KEYS, source, where);
                String id = step.path("id").asText("");
                if (!id.matches("[a-z0-9][a-z0-9-]{0,40}")) {
                    throw new IllegalArgumentException(source + ": " + where + "id must be lower-case letters, digits "
                        + "and dashes, was '" + id + "'");
                }
                String tissue = step.hasNonNull("tissue") ? step.get("tissue").asText() : null;
                if (tissue != null && !tissues.containsKey(tissue)) {
                    throw new IllegalArgumentException(source + ": " + where + "tissue '" + tissue
                        + "' is not one of the tissues: " + tissues.keySet());
                }
                String kind = step.path("kind").asText("roll");
                if (!Set.of("roll", "trigger-points", "hands-on").contains(kind)) {
                    throw new IllegalArgumentException(source + ": " + where + "kind must be roll, trigger-points or "
                        + "hands-on, was '" + kind + "'");
                }
                String title = step.path("title").asText(id);
                int minRepetitions = (int) number(step, "minRepetitions", 0, 0, 1000, source, where);
                int maxRepetitions = (int) number(step, "maxRepetitions", 0, 0, 1000, source, where);
                if (step.has("maxRepetitions") && maxRepetitions < minRepetitions) {
                    throw new IllegalArgumentException(source + ": " + where + "maxRepetitions (" + maxRepetitions
                        + ") must be at least minRepetitions (" + minRepetitions + ")");
                }
                steps.add(new RoutineStep(leg.isEmpty() ? id : id + "-" + leg,
                    leg.isEmpty() ? title : title + ", " + leg + " leg", leg, tissue,
                    tissue == null ? null : tissueTitles.get(tissue), kind,
                    number(step, "targetSeconds", 30, 1, 3600, source, where), minRepetitions, maxRepetitions));
            }
        }
        double min = number(root, "sessionMinSeconds", 300, 0, 36000, source, "");
        double max = number(root, "sessionMaxSeconds", 540, min, 36000, source, "");
        return new Routine(root.path("name").asText("routine"), steps, tissues, tissueTitles, min, max);
    }

    private static void keys(JsonNode node, Set<String> allowed, String source, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(source + ": unknown key '" + where + key + "'; allowed: "
                    + String.join(", ", new TreeSet<>(allowed)));
            }
        }
    }

    private static double number(JsonNode node, String key, double fallback, double min, double max, String source,
                                 String where) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isNumber() || value.doubleValue() < min || value.doubleValue() > max) {
            throw new IllegalArgumentException(source + ": " + where + key + " must be a number from "
                + TechniqueConfig.fmt(min) + " to " + TechniqueConfig.fmt(max) + ", was '" + value.asText() + "'");
        }
        return value.doubleValue();
    }
}
