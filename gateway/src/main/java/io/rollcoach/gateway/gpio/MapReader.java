package io.rollcoach.gateway.gpio;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads typed values out of one YAML-derived map, naming the key as typed (with its path) in every error. */
final class MapReader {
    private final Map<String, Object> node;
    private final String where;

    MapReader(Map<String, Object> node, String where) {
        if (node == null) {
            throw new IllegalArgumentException(where + " must be a map of keys, was empty");
        }
        this.node = node;
        this.where = where;
    }

    @SuppressWarnings("unchecked")
    static MapReader of(Object value, String where) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException(where + " must be a map of keys, was " + describe(value));
        }
        return new MapReader((Map<String, Object>) value, where);
    }

    String where() {
        return where;
    }

    String key(String name) {
        return where + "." + name;
    }

    boolean has(String name) {
        return node.get(name) != null;
    }

    /** Rejects keys this section does not know: a typo must not silently fall back to a default. */
    void onlyKeys(List<String> known) {
        Set<String> unknown = new TreeSet<>(node.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(where + ": unknown key(s) " + unknown + "; known keys are " + known);
        }
    }

    MapReader map(String name) {
        return of(node.get(name), key(name));
    }

    String string(String name, String fallback) {
        Object value = node.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Map || value instanceof List) {
            throw new IllegalArgumentException(key(name) + " must be a word, was " + describe(value));
        }
        return value.toString().trim();
    }

    String requiredString(String name, String what) {
        String value = string(name, null);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(key(name) + " must be set (" + what + ")");
        }
        return value;
    }

    /** An integer; accepts 0x-prefixed hex as typed for I2C addresses. */
    int integer(String name, int fallback) {
        Object value = node.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return Math.toIntExact(((Number) value).longValue());
        }
        if (value instanceof String s) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            try {
                return t.startsWith("0x") ? Integer.parseInt(t.substring(2), 16) : Integer.parseInt(t);
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
        }
        throw new IllegalArgumentException(key(name) + " must be a whole number, was " + describe(value));
    }

    int requiredInteger(String name, String what) {
        if (!has(name)) {
            throw new IllegalArgumentException(key(name) + " must be set (" + what + ")");
        }
        return integer(name, 0);
    }

    double number(String name, double fallback) {
        Object value = node.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new IllegalArgumentException(key(name) + " must be a number, was " + describe(value));
    }

    double requiredNumber(String name, String what) {
        if (!has(name)) {
            throw new IllegalArgumentException(key(name) + " must be set (" + what + ")");
        }
        return number(name, 0);
    }

    boolean bool(String name, boolean fallback) {
        Object value = node.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String t = value.toString().trim().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("yes") || t.equals("on")) {
            return true;
        }
        if (t.equals("false") || t.equals("no") || t.equals("off")) {
            return false;
        }
        throw new IllegalArgumentException(key(name) + " must be true or false, was " + describe(value));
    }

    private static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof String) {
            return "'" + value + "'";
        }
        if (value instanceof Map) {
            return "a map " + value;
        }
        if (value instanceof List) {
            return "a list " + value;
        }
        return String.valueOf(value);
    }
}
