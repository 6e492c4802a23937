package io.rollcoach.gateway.config;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.rollcoach.gateway.mqtt.MqttSettings;
import io.rollcoach.gateway.speech.SpeechSettings;
import io.rollcoach.gateway.technique.Routine;
import io.rollcoach.gateway.technique.TechniqueConfig;

/**
 * Reads the one YAML file and checks all of it before anything starts: unknown keys, wrong types and values out of
 * range are refused with the file, line, key and what is allowed. Nothing starts half-configured.
 */
public final class ConfigLoader {
    // a key given twice is refused with its line: otherwise the last one would silently win
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
        .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> TOP = Set.of("gateway", "inputs", "person", "technique", "routine", "mqtt",
        "broker", "display", "storage", "speech");

    private final String source;
    private final YamlLocations locations;

    private ConfigLoader(String source, YamlLocations locations) {
        this.source = source;
        this.locations = locations;
    }

    public static GatewayConfig load(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such config file");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ConfigException(file + ": not a YAML text file (it is not UTF-8 text: a capture or another binary "
                + "file?)", e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the config file: " + e.getMessage(), e);
        }
        return parse(yaml, file.toString(), file.toAbsolutePath().getParent());
    }

    /** The configuration of a gateway with no file: embedded broker, display on 8080, storage in ~/.rollcoach. */
    public static GatewayConfig defaults() {
        return parse("{}", "defaults", Path.of("."));
    }

    public static GatewayConfig parse(String yaml, String source, Path baseDir) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ConfigException(source + (at == null ? "" : ":" + at.getLineNr()) + ": not valid YAML: "
                + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            root = YAML.createObjectNode();
        }
        ConfigLoader loader = new ConfigLoader(source, new YamlLocations(yaml));
        return loader.read(root, baseDir);
    }

    private GatewayConfig read(JsonNode root, Path baseDir) {
        object(root, "", TOP);
        JsonNode gateway = root.path("gateway");
        object(gateway, "gateway", Set.of("id"));
        String gatewayId = text(gateway, "gateway.id", defaultGatewayId());
        if (!gatewayId.matches("[A-Za-z0-9_-]{1,64}")) {
            throw fail("gateway.id", "must be letters, digits, '-' or '_' (it is a topic level), was '" + gatewayId + "'");
        }

        List<GatewayConfig.InputConfig> inputs = new ArrayList<>();
        JsonNode inputsNode = root.path("inputs");
        if (!inputsNode.isMissingNode() && !inputsNode.isArray()) {
            throw fail("inputs", "must be a list of inputs (- serial: /dev/ttyUSB0, - simulate: good-technique, ...)");
        }
        java.util.Map<String, String> named = new java.util.HashMap<>();
        for (int i = 0; i < inputsNode.size(); i++) {
            GatewayConfig.InputConfig input = input(inputsNode.get(i), "inputs[" + i + "]");
            String earlier = input.name() == null ? null : named.putIfAbsent(input.name(), "inputs[" + i + "]");
            if (earlier != null) {
                // two rollers under one name would publish on the same topics and share one display card
                throw fail("inputs[" + i + "].name", "'" + input.name() + "' is already the name of " + earlier);
            }
            inputs.add(input);
        }

        JsonNode person = root.path("person");
        object(person, "person", Set.of("name", "bodyWeightKg", "units"));
        TechniqueConfig technique = TechniqueConfig.defaults();
        String personName = text(person, "person.name", "default");
        if (person.has("bodyWeightKg")) {
            technique = with(technique, "person.bodyWeightKg", number(person, "person.bodyWeightKg", 0, 20, 300),
                "person.bodyWeightKg");
        }
        if (person.has("units")) {
            technique = with(technique, "person.units", text(person, "person.units", "in"), "person.units");
        }
        JsonNode thresholds = root.path("technique");
        if (!thresholds.isMissingNode() && !thresholds.isNull()) {
            if (!thresholds.isObject()) {
                throw fail("technique", "must be a mapping of threshold keys (see docs/rules.md)");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = thresholds.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                JsonNode value = entry.getValue();
                Object plain = value.isNumber() ? value.numberValue() : value.isBoolean() ? value.booleanValue()
                    : value.asText();
                technique = with(technique, entry.getKey(), plain, "technique." + entry.getKey());
            }
        }
        Routine routine = Routine.guide();
        if (root.has("routine")) {
            Path file = resolve(baseDir, text(root, "routine", null));
            try {
                routine = Routine.load(file);
            } catch (IllegalArgumentException e) {
                throw fail("routine", e.getMessage());
            }
        }

        MqttSettings mqtt = null;
        JsonNode mqttNode = root.path("mqtt");
        object(mqttNode, "mqtt", Set.of("url", "clientId", "username", "password", "caFile", "clientCertFile",
            "clientKeyFile", "baseTopic", "discovery", "discoveryPrefix", "bufferMessages", "telemetryQos",
            "keepAliveSeconds"));
        if (mqttNode.has("url")) {
            try {
                mqtt = new MqttSettings(text(mqttNode, "mqtt.url", null), text(mqttNode, "mqtt.clientId", null),
                    text(mqttNode, "mqtt.username", null), text(mqttNode, "mqtt.password", null),
                    existingFile(baseDir, mqttNode, "mqtt.caFile"), existingFile(baseDir, mqttNode, "mqtt.clientCertFile"),
                    existingFile(baseDir, mqttNode, "mqtt.clientKeyFile"), text(mqttNode, "mqtt.baseTopic", "rollcoach"),
                    gatewayId, bool(mqttNode, "mqtt.discovery", true), text(mqttNode, "mqtt.discoveryPrefix", "homeassistant"),
                    (int) number(mqttNode, "mqtt.bufferMessages", 10_000, 10, 1_000_000),
                    (int) number(mqttNode, "mqtt.telemetryQos", 0, 0, 1),
                    (int) number(mqttNode, "mqtt.keepAliveSeconds", 30, 5, 3600));
            } catch (IllegalArgumentException e) {
                throw fail("mqtt", e.getMessage());
            }
        } else if (mqttNode.size() > 0) {
            // the section is for an external broker: without its url every key here would be silently ignored
            String first = mqttNode.fieldNames().next();
            throw fail("mqtt." + first, "applies to an external broker only: set mqtt.url as well (tcp://host:1883), or "
                + "leave the mqtt section out to use the embedded broker");
        }

        JsonNode brokerNode = root.path("broker");
        object(brokerNode, "broker", Set.of("bindAddress", "port"));
        GatewayConfig.BrokerConfig broker = new GatewayConfig.BrokerConfig(
            text(brokerNode, "broker.bindAddress", "0.0.0.0"), (int) number(brokerNode, "broker.port", 1883, 1, 65535));

        JsonNode displayNode = root.path("display");
        object(displayNode, "display", Set.of("enabled", "bindAddress", "port", "pin", "speech"));
        String pin = text(displayNode, "display.pin", null);
        if (pin != null && !pin.matches("\\d{4,12}")) {
            throw fail("display.pin", "must be 4 to 12 digits (quote it: pin: \"2468\"), was '" + pin + "'");
        }
        GatewayConfig.DisplayConfig display = new GatewayConfig.DisplayConfig(bool(displayNode, "display.enabled", true),
            text(displayNode, "display.bindAddress", "0.0.0.0"), (int) number(displayNode, "display.port", 8080, 0, 65535),
            pin, bool(displayNode, "display.speech", true));

        JsonNode storageNode = root.path("storage");
        object(storageNode, "storage", Set.of("dir", "captures", "history", "capturesMaxMb"));
        String home = System.getenv("ROLLCOACH_HOME") != null ? System.getenv("ROLLCOACH_HOME")
            : System.getProperty("user.home") + "/.rollcoach";
        GatewayConfig.StorageConfig storage = new GatewayConfig.StorageConfig(
            resolve(baseDir, text(storageNode, "storage.dir", home)), bool(storageNode, "storage.captures", true),
            bool(storageNode, "storage.history", true),
            (int) number(storageNode, "storage.capturesMaxMb", 1024, 16, 1_048_576));

        JsonNode speechNode = root.path("speech");
        object(speechNode, "speech", Set.of("enabled", "voice", "repeatSeconds", "wordsPerMinute", "command",
            "outputDir"));
        SpeechSettings speech;
        try {
            String outputDir = text(speechNode, "speech.outputDir", null);
            speech = new SpeechSettings(bool(speechNode, "speech.enabled", false), text(speechNode, "speech.voice", null),
                number(speechNode, "speech.repeatSeconds", 8, 2, 600),
                (int) number(speechNode, "speech.wordsPerMinute", 160, 80, 450),
                text(speechNode, "speech.command", "espeak-ng"), outputDir == null ? null : resolve(baseDir, outputDir));
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw fail(message.substring(0, message.indexOf(' ')), message.substring(message.indexOf(' ') + 1));
        }

        return new GatewayConfig(gatewayId, inputs, personName, technique, routine, mqtt, broker, display, storage,
            speech);
    }

    private GatewayConfig.InputConfig input(JsonNode node, String where) {
        if (!node.isObject()) {
            throw fail(where, "must be a mapping such as {serial: /dev/ttyUSB0} or {simulate: good-technique}");
        }
        List<String> kinds = new ArrayList<>();
        for (String kind : List.of("serial", "simulate", "replay", "gpio")) {
            if (node.has(kind)) {
                kinds.add(kind);
            }
        }
        if (kinds.size() != 1) {
            throw fail(where, "needs exactly one of serial, simulate, replay or gpio; had " + kinds);
        }
        String kind = kinds.get(0);
        object(node, where, Set.of(kind, "baud", "name", "speed", "loop", "capture"));
        String name = text(node, where + ".name", null);
        if (name != null && !name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw fail(where + ".name", "must be letters, digits, '-' or '_' (it is a topic level), was '" + name + "'");
        }
        Map<String, Object> gpio = null;
        String target = null;
        if (kind.equals("gpio")) {
            if (!node.get("gpio").isObject()) {
                throw fail(where + ".gpio", "must be a mapping of sensors (see docs/wiring.md)");
            }
            gpio = YAML.convertValue(node.get("gpio"), LinkedHashMap.class);
            if (!gpio.containsKey("name") && name != null) {
                gpio.put("name", name);
            }
            try {
                io.rollcoach.gateway.gpio.GpioInputConfig.fromMap(gpio, where + ".gpio"); // checked now, used at start
            } catch (IllegalArgumentException e) {
                int line = locations.line(where + ".gpio");
                throw new ConfigException(source + (line > 0 ? ":" + line : "") + ": " + e.getMessage());
            }
        } else {
            target = text(node, where + "." + kind, null);
            if (target == null || target.isBlank()) {
                throw fail(where + "." + kind, "must name a " + (kind.equals("serial") ? "serial port"
                    : kind.equals("simulate") ? "scenario" : "capture file"));
            }
        }
        return new GatewayConfig.InputConfig(kind, target, (int) number(node, where + ".baud", 115_200, 1200, 4_000_000),
            name, number(node, where + ".speed", 1, 0.1, 1000), bool(node, where + ".loop", kind.equals("simulate")),
            bool(node, where + ".capture", true), gpio, source + ":" + locations.line(where));
    }

    private TechniqueConfig with(TechniqueConfig config, String key, Object value, String path) {
        try {
            return config.with(key, value);
        } catch (IllegalArgumentException e) {
            throw fail(path, e.getMessage());
        }
    }

    private void object(JsonNode node, String path, Set<String> allowed) {
        if (node.isMissingNode() || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            throw fail(path, "must be a mapping with keys " + new TreeSet<>(allowed));
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                String full = path.isEmpty() ? key : path + "." + key;
                throw fail(full, "unknown key; allowed here: " + String.join(", ", new TreeSet<>(allowed)));
            }
        }
    }

    private String text(JsonNode parent, String path, String fallback) {
        JsonNode value = parent.get(leaf(path));
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isValueNode()) {
            throw fail(path, "must be a single value, not a list or mapping");
        }
        return value.asText();
    }

    private double number(JsonNode parent, String path, double fallback, double min, double max) {
        JsonNode value = parent.get(leaf(path));
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isNumber()) {
            throw fail(path, "must be a number from " + TechniqueConfig.fmt(min) + " to " + TechniqueConfig.fmt(max)
                + ", was '" + value.asText() + "'");
        }
        double number = value.doubleValue();
        if (number < min || number > max) {
            throw fail(path, "must be from " + TechniqueConfig.fmt(min) + " to " + TechniqueConfig.fmt(max) + ", was "
                + TechniqueConfig.fmt(number));
        }
        return number;
    }

    private boolean bool(JsonNode parent, String path, boolean fallback) {
        JsonNode value = parent.get(leaf(path));
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw fail(path, "must be true or false, was '" + value.asText() + "'");
        }
        return value.booleanValue();
    }

    private Path existingFile(Path baseDir, JsonNode parent, String path) {
        String name = text(parent, path, null);
        if (name == null) {
            return null;
        }
        Path file = resolve(baseDir, name);
        if (!Files.isReadable(file)) {
            throw fail(path, "no readable file at " + file);
        }
        return file;
    }

    private static Path resolve(Path baseDir, String name) {
        String expanded = name.startsWith("~/") ? System.getProperty("user.home") + name.substring(1) : name;
        Path path = Path.of(expanded);
        return path.isAbsolute() || baseDir == null ? path : baseDir.resolve(path).normalize();
    }

    private static String leaf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private ConfigException fail(String path, String what) {
        int line = locations.line(path);
        return new ConfigException(source + (line > 0 ? ":" + line : "") + ": " + path + ": " + what);
    }

    private static String defaultGatewayId() {
        try {
            String host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9_-]", "-");
            return host.isEmpty() ? "gateway" : host.length() > 64 ? host.substring(0, 64) : host;
        } catch (IOException e) {
            return "gateway";
        }
    }
}
