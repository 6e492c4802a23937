package io.rollcoach.gateway.config;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The line and column of every key in a YAML document, by dotted path ({@code mqtt.url}, {@code inputs[1].serial}),
 * so an error can say where the bad value is. Jackson's tree does not keep locations; its token stream does.
 */
final class YamlLocations {
    /** Where a key (or a list item) starts; 1-based, 0 when unknown. */
    record Location(int line, int column) {
        static final Location UNKNOWN = new Location(0, 0);
    }

    private final Map<String, Location> locations = new HashMap<>();

    YamlLocations(String yaml) {
        try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
            Deque<String> path = new ArrayDeque<>();
            Deque<int[]> arrayIndex = new ArrayDeque<>();
            String pendingName = null;
            for (JsonToken token; (token = parser.nextToken()) != null; ) {
                switch (token) {
                    case FIELD_NAME -> {
                        pendingName = parser.currentName();
                        locations.putIfAbsent(join(path, pendingName), at(parser));
                    }
                    case START_OBJECT, START_ARRAY -> {
                        String level = levelName(path, arrayIndex, pendingName);
                        path.push(level);
                        arrayIndex.push(new int[] {token == JsonToken.START_ARRAY ? 0 : -1});
                        if (!level.isEmpty()) {
                            locations.putIfAbsent(join(path, null), at(parser));
                        }
                        pendingName = null;
                    }
                    case END_OBJECT, END_ARRAY -> {
                        path.pop();
                        arrayIndex.pop();
                        if (!arrayIndex.isEmpty() && arrayIndex.peek()[0] >= 0) {
                            arrayIndex.peek()[0]++;
                        }
                        pendingName = null;
                    }
                    default -> {
                        if (pendingName == null && !arrayIndex.isEmpty() && arrayIndex.peek()[0] >= 0) {
                            locations.putIfAbsent(join(path, null) + "[" + arrayIndex.peek()[0] + "]", at(parser));
                            arrayIndex.peek()[0]++;
                        }
                        pendingName = null;
                    }
                }
            }
        } catch (IOException e) {
            // the tree parse reports syntax errors with their own location
        }
    }

    private static Location at(JsonParser parser) {
        var start = parser.currentTokenLocation();
        return new Location(start.getLineNr(), start.getColumnNr());
    }

    private static String levelName(Deque<String> path, Deque<int[]> arrayIndex, String pendingName) {
        if (pendingName != null) {
            return pendingName;
        }
        if (!arrayIndex.isEmpty() && arrayIndex.peek()[0] >= 0) {
            return "[" + arrayIndex.peek()[0] + "]";
        }
        return "";
    }

    private static String join(Deque<String> path, String leaf) {
        StringBuilder sb = new StringBuilder();
        var it = path.descendingIterator();
        while (it.hasNext()) {
            String level = it.next();
            if (level.isEmpty()) {
                continue;
            }
            if (sb.length() > 0 && !level.startsWith("[")) {
                sb.append('.');
            }
            sb.append(level);
        }
        if (leaf != null) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(leaf);
        }
        return sb.toString();
    }

    /** Where {@code path} is, or its nearest enclosing key; {@link Location#UNKNOWN} when neither is in the file. */
    Location of(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Location location = locations.get(p);
            if (location != null) {
                return location;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut <= 0 ? "" : p.substring(0, cut);
        }
        return Location.UNKNOWN;
    }
}
