package io.rollcoach.gateway.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * The one reader of YAML nodes into typed values, for every section of the config file, the {@code gpio:} maps
 * included. It does not stop at the first problem: each is collected with its file, line and column, the key as
 * typed, the rule and the value found, and a read value that has a problem gives its default so reading goes on.
 * {@link #throwIfAny()} then reports them all, in file order. One per file read; main thread only.
 */
final class ConfigReader {
    /** A record's message in the house style: the key first, then "must ..." (or "and ..." for a pair). */
    private static final Pattern KEYED =
        Pattern.compile("([A-Za-z][A-Za-z0-9_]*(?:\\.[A-Za-z][A-Za-z0-9_]*)*) (?=must |and )");

    private final String source;
    private final YamlLocations locations;
    private final List<ConfigProblem> problems = new ArrayList<>();

    ConfigReader(String source, YamlLocations locations) {
        this.source = source;
        this.locations = locations;
    }

    /** The document's root, an empty mapping when the file is empty. */
    Node root(JsonNode json) {
        return new Node(json, "");
    }

    /** Where {@code path} is, for messages about the value later: {@code rollcoach.yaml:7:5}. */
    String where(String path) {
        YamlLocations.Location at = locations.of(path);
        return at.line() > 0 ? source + ":" + at.line() + ":" + at.column() : source;
    }

    int problemCount() {
        return problems.size();
    }

    /** Records that {@code path} breaks a rule; {@code rule} says what is allowed and what was found. */
    void problem(String path, String rule) {
        YamlLocations.Location at = locations.of(path);
        problems.add(new ConfigProblem(source, at.line(), at.column(), path, rule));
    }

    /**
     * Runs a record's own check of one value, passing it {@code path} as the key to name. Its
     * IllegalArgumentException ({@code "<path> <rule>"}) becomes a problem at {@code path}.
     *
     * @return false when the value broke the rule
     */
    boolean check(String path, Consumer<String> check) {
        try {
            check.accept(path);
            return true;
        } catch (IllegalArgumentException e) {
            problem(path, withoutKey(e.getMessage(), path));
            return false;
        }
    }

    /**
     * Builds a record whose constructor checks rules between its values (a pin used twice, a rate below another), once
     * the values read since {@code problemsBefore} were each fine: otherwise its checks would judge defaults that
     * stand in for values already refused. A check that fails becomes a problem at the key its message starts with
     * ({@code "force.dataRate must be ..."}, taken relative to {@code path}), or at {@code path}.
     *
     * @return the record, or null when it was not built
     */
    <T> T build(int problemsBefore, String path, Supplier<T> build) {
        if (problems.size() > problemsBefore) {
            return null;
        }
        try {
            return build.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            String message = String.valueOf(e.getMessage());
            Matcher keyed = KEYED.matcher(message);
            if (keyed.lookingAt()) {
                String key = keyed.group(1);
                String level = lastLevel(path);
                String relative = key.startsWith(level + ".") ? key.substring(level.length() + 1) : key;
                boolean named = path.equals(key) || path.endsWith("." + key);
                problem(named ? path : path.isEmpty() ? relative : path + "." + relative,
                    message.substring(key.length() + 1));
            } else {
                problem(path, message);
            }
            return null;
        }
    }

    /** @throws ConfigException with every problem, in file order, when there is any */
    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ConfigException(inFileOrder());
        }
    }

    /** The problems so far by line and column; one the file gives no place for (a default) after those it does. */
    List<ConfigProblem> inFileOrder() {
        List<ConfigProblem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt((ConfigProblem p) -> p.line() == 0 ? Integer.MAX_VALUE : p.line())
            .thenComparingInt(ConfigProblem::column));
        return sorted;
    }

    private static String withoutKey(String message, String path) {
        String text = String.valueOf(message);
        if (text.startsWith(path + " ")) {
            return text.substring(path.length() + 1);
        }
        String leaf = path.substring(Math.max(path.lastIndexOf('.'), path.lastIndexOf(']')) + 1);
        return !leaf.isEmpty() && text.startsWith(leaf + " ") ? text.substring(leaf.length() + 1) : text;
    }

    private static String lastLevel(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf(']'));
        return path.substring(cut + 1);
    }

    private static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "'" + value.textValue() + "'";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        return value.asText();
    }

    /** A node of the document and its path as typed ({@code inputs[0].gpio}); missing when the file leaves it out. */
    final class Node {
        private final JsonNode json;
        private final String path;

        Node(JsonNode json, String path) {
            this.json = json == null ? MissingNode.getInstance() : json;
            this.path = path;
        }

        String path() {
            return path;
        }

        JsonNode json() {
            return json;
        }

        /** Left out, or {@code key: } with no value. */
        boolean isAbsent() {
            return json.isMissingNode() || json.isNull();
        }

        String key(String name) {
            return path.isEmpty() ? name : path + "." + name;
        }

        boolean has(String name) {
            return !get(name).isAbsent();
        }

        Node get(String name) {
            return new Node(json.get(name), key(name));
        }

        /**
         * A mapping whose keys are all in {@code allowed}: each other key is a problem (a typo must not silently fall
         * back to a default), as is a value that is not a mapping.
         *
         * @return false when this is not a mapping (an absent one is an empty mapping)
         */
        boolean mapping(Collection<String> allowed) {
            if (isAbsent()) {
                return true;
            }
            if (!json.isObject()) {
                problem(path, "must be a mapping with keys " + new TreeSet<>(allowed) + ", was " + describe(json));
                return false;
            }
            for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!allowed.contains(name)) {
                    problem(key(name), "unknown key; allowed here: " + String.join(", ", new TreeSet<>(allowed)));
                }
            }
            return true;
        }

        /** The mapping's entries in file order; none when absent or not a mapping. */
        Map<String, Node> entries() {
            Map<String, Node> entries = new LinkedHashMap<>();
            if (json.isObject()) {
                json.fields().forEachRemaining(e -> entries.put(e.getKey(), new Node(e.getValue(), key(e.getKey()))));
            }
            return entries;
        }

        /** The list's items ({@code inputs[0]}, ...); none when absent, and a problem when not a list. */
        List<Node> items(String what) {
            List<Node> items = new ArrayList<>();
            if (isAbsent()) {
                return items;
            }
            if (!json.isArray()) {
                problem(path, "must be " + what);
                return items;
            }
            for (int i = 0; i < json.size(); i++) {
                items.add(new Node(json.get(i), path + "[" + i + "]"));
            }
            return items;
        }

        /** A single value as JSON gives it (Number, Boolean or String); null with a problem for a list or mapping. */
        Object scalar() {
            if (json.isNumber()) {
                return json.numberValue();
            }
            if (json.isBoolean()) {
                return json.booleanValue();
            }
            if (!json.isValueNode()) {
                problem(path, "must be a single value, not a list or mapping");
                return null;
            }
            return json.asText();
        }

        String text(String name, String fallback) {
            Node value = get(name);
            if (value.isAbsent()) {
                return fallback;
            }
            if (!value.json.isValueNode()) {
                problem(value.path, "must be a single value, not a list or mapping");
                return fallback;
            }
            return value.json.asText();
        }

        /** Text that must be there and not blank; {@code what} says what it names. */
        String requiredText(String name, String what) {
            String text = text(name, null);
            if (text == null || text.isBlank()) {
                if (text != null || !has(name) || get(name).json.isValueNode()) {
                    problem(key(name), "must name " + what);
                }
                return null;
            }
            return text;
        }

        double number(String name, double fallback) {
            Node value = get(name);
            if (value.isAbsent()) {
                return fallback;
            }
            if (!value.json.isNumber()) {
                problem(value.path, "must be a number, was " + describe(value.json));
                return fallback;
            }
            return value.json.doubleValue();
        }

        /** A whole number; {@code 0x48} (as an I2C address is written) is one too, quoted or not. */
        int integer(String name, int fallback) {
            Node value = get(name);
            if (value.isAbsent()) {
                return fallback;
            }
            if (value.json.isIntegralNumber() && value.json.canConvertToInt()) {
                return value.json.intValue();
            }
            if (value.json.isTextual()) {
                String t = value.json.textValue().trim().toLowerCase(Locale.ROOT);
                try {
                    return t.startsWith("0x") ? Integer.parseInt(t.substring(2), 16) : Integer.parseInt(t);
                } catch (NumberFormatException e) {
                    // said below
                }
            }
            problem(value.path, "must be a whole number, was " + describe(value.json));
            return fallback;
        }

        /** A whole number that must be there; {@code what} says what it is. */
        Integer requiredInteger(String name, String what) {
            if (!has(name)) {
                problem(key(name), "must be set (" + what + ")");
                return null;
            }
            int before = problems.size();
            int value = integer(name, 0);
            return problems.size() > before ? null : value;
        }

        boolean bool(String name, boolean fallback) {
            Node value = get(name);
            if (value.isAbsent()) {
                return fallback;
            }
            if (!value.json.isBoolean()) {
                problem(value.path, "must be true or false, was " + describe(value.json));
                return fallback;
            }
            return value.json.booleanValue();
        }

        /** A path relative to the config file's folder ({@code ~/} the home folder); the fallback when not set. */
        Path filePath(String name, String fallback, Path baseDir) {
            String text = text(name, fallback);
            if (text == null) {
                return null;
            }
            try {
                return ConfigLoader.resolve(baseDir, text);
            } catch (InvalidPathException e) {
                problem(key(name), "must be a path, was '" + text + "' (" + e.getReason() + ")");
                return null;
            }
        }

        /** A file that must be readable, relative to the config file's folder; null when not set. */
        Path existingFile(String name, Path baseDir) {
            Path file = filePath(name, null, baseDir);
            if (file != null && !Files.isReadable(file)) {
                problem(key(name), "no readable file at " + file);
                return null;
            }
            return file;
        }
    }
}
