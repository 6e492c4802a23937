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
 * The line of every key in a YAML document, by dotted path ({@code mqtt.url}, {@code inputs[1].serial}), so an
 * error can say where the bad value is. Jackson's tree does not keep locations; its token stream does.
 */
final class YamlLocations {
    private final Map<String, Integer> lines = new HashMap<>();

    YamlLocations(String yaml) {
        try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
            Deque<String> path = new ArrayDeque<>();
            Deque<int[]> arrayIndex = new ArrayDeque<>();
            String pendingName = null;
            for (JsonToken token; (token = parser.nextToken()) != null; ) {
                switch (token) {
                    case FIELD_NAME -> {
                        pendingName = parser.currentName();
                        lines.putIfAbsent(join(path, pendingName), parser.currentLocation().getLineNr());
                    }
                    case START_OBJECT, START_ARRAY -> {
                        String level = levelName(path, arrayIndex, pendingName);
                        path.push(level);
                        arrayIndex.push(new int[] {token == JsonToken.START_ARRAY ? 0 : -1});
                        if (!level.isEmpty()) {
                            lines.putIfAbsent(join(path, null), parser.currentLocation().getLineNr());
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
                            lines.putIfAbsent(join(path, null) + "[" + arrayIndex.peek()[0] + "]",
                                parser.currentLocation().getLineNr());
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

    /** The line of {@code path}, or of its nearest enclosing key; 0 when unknown. */
    int line(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut <= 0 ? "" : p.substring(0, cut);
        }
        return 0;
    }
}
