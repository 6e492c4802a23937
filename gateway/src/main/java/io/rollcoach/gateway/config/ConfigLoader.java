package io.rollcoach.gateway.config;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.rollcoach.gateway.broker.EmbeddedBroker;
import io.rollcoach.gateway.display.DisplaySettings;
import io.rollcoach.gateway.mqtt.MqttSettings;
import io.rollcoach.gateway.mqtt.Topics;
import io.rollcoach.gateway.speech.SpeechSettings;
import io.rollcoach.gateway.technique.Routine;
import io.rollcoach.gateway.technique.TechniqueConfig;

/**
 * Reads the one YAML file, a section at a time, and checks all of it before anything starts: unknown keys, wrong types
 * and values out of range are each reported with the file, line, column, key and what is allowed, all of them in one
 * run, in file order. Nothing starts half-configured. Main thread only.
 */
public final class ConfigLoader {
    // a key given twice is refused with its line: otherwise the last one would silently win
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> TOP = Set.of("gateway", "inputs", "person", "technique", "routine", "mqtt",
        "broker", "display", "storage", "speech");
    private static final List<String> INPUT_KINDS = List.of("serial", "simulate", "replay", "gpio");
    private static final Map<String, Set<String>> INPUT_KEYS = Map.of(
        "serial", Set.of("serial", "name", "baud", "capture"),
        "simulate", Set.of("simulate", "name", "speed", "loop"),
        "replay", Set.of("replay", "name", "speed"),
        "gpio", Set.of("gpio", "name"));
    private static final Set<String> MQTT_KEYS = Set.of("url", "clientId", "username", "password", "caFile",
        "clientCertFile", "clientKeyFile", "baseTopic", "discovery", "discoveryPrefix", "bufferMessages",
        "telemetryQos", "keepAliveSeconds");

    private final ConfigReader reader;
    private final Path baseDir;

    private ConfigLoader(ConfigReader reader, Path baseDir) {
        this.reader = reader;
        this.baseDir = baseDir;
    }

    /** @throws ConfigException with every problem in the file */
    public static GatewayConfig load(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), "no such config file", e);
        } catch (CharacterCodingException e) {
            throw new ConfigException(file.toString(), "not a YAML text file (it is not UTF-8 text: a capture or "
                + "another binary file?)", e);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot read the config file: " + e.getMessage(), e);
        }
        return parse(yaml, file.toString(), file.toAbsolutePath().getParent());
    }

    /** The configuration of a gateway with no file: embedded broker, display on 8080, storage in ~/.rollcoach. */
    public static GatewayConfig defaults() {
        return parse("{}", "defaults", Path.of("."));
    }

    /** @throws ConfigException with every problem in {@code yaml}, each naming {@code source} */
    public static GatewayConfig parse(String yaml, String source, Path baseDir) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            // past a syntax error there is no tree to check further
            JsonLocation at = e.getLocation();
            throw new ConfigException(List.of(ConfigProblem.ofFile(source, at == null ? 0 : at.getLineNr(),
                at == null ? 0 : at.getColumnNr(), "not valid YAML: " + e.getOriginalMessage())));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            root = YAML.createObjectNode();
        }
        ConfigReader reader = new ConfigReader(source, new YamlLocations(yaml));
        GatewayConfig config = new ConfigLoader(reader, baseDir).read(reader.root(root));
        reader.throwIfAny();
        return config;
    }

    /** Every section, each reporting its own problems; the config is built only when there were none. */
    private GatewayConfig read(ConfigReader.Node root) {
        root.mapping(TOP);
        String gatewayId = gateway(root.get("gateway"));
        List<InputConfig> inputs = inputs(root.get("inputs"));
        ConfigReader.Node person = root.get("person");
        person.mapping(Set.of("name", "bodyWeightKg", "units"));
        String personName = person.text("name", "default");
        TechniqueConfig technique = technique(root.get("technique"), person(person, TechniqueConfig.defaults()));
        Routine routine = routine(root);
        MqttSettings mqtt = mqtt(root.get("mqtt"), gatewayId);
        GatewayConfig.BrokerConfig broker = broker(root.get("broker"));
        GatewayConfig.DisplayConfig display = display(root.get("display"));
        GatewayConfig.StorageConfig storage = storage(root.get("storage"));
        SpeechSettings speech = speech(root.get("speech"));
        if (reader.problemCount() > 0) {
            return null;
        }
        return new GatewayConfig(gatewayId, inputs, personName, technique, routine, mqtt, broker, display, storage,
            speech);
    }

    /** The gateway's id; a stand-in when it is refused, so later sections are not refused for it again. */
    private String gateway(ConfigReader.Node gateway) {
        gateway.mapping(Set.of("id"));
        String id = gateway.text("id", defaultGatewayId());
        return reader.check(gateway.key("id"), key -> Topics.checkLevel(key, id)) ? id : "gateway";
    }

    private List<InputConfig> inputs(ConfigReader.Node node) {
        List<InputConfig> inputs = new ArrayList<>();
        Map<String, String> named = new HashMap<>();
        for (ConfigReader.Node item : node.items("a list of inputs (- serial: /dev/ttyUSB0, - simulate: "
            + "good-technique, ...)")) {
            InputConfig input = input(item);
            if (input == null) {
                continue;
            }
            String earlier = input.topicName() == null ? null : named.putIfAbsent(input.topicName(), item.path());
            if (earlier != null) {
                // two rollers under one name would publish on the same topics and share one display card
                reader.problem(item.key("name"), "'" + input.topicName() + "' is already the name of " + earlier);
            }
            inputs.add(input);
        }
        return inputs;
    }

    /** One {@code inputs:} entry, into the record of its kind; null when it has a problem. */
    private InputConfig input(ConfigReader.Node item) {
        if (!item.json().isObject()) {
            reader.problem(item.path(), "must be a mapping such as {serial: /dev/ttyUSB0} or {simulate: "
                + "good-technique}");
            return null;
        }
        List<String> kinds = INPUT_KINDS.stream().filter(kind -> item.json().has(kind)).toList();
        if (kinds.size() != 1) {
            reader.problem(item.path(), "needs exactly one of serial, simulate, replay or gpio; had " + kinds);
            return null;
        }
        int before = reader.problemCount();
        String kind = kinds.get(0);
        item.mapping(INPUT_KEYS.get(kind));
        String name = item.text("name", null);
        if (name != null) {
            reader.check(item.key("name"), key -> InputConfig.checkTopicName(key, name));
        }
        String where = reader.where(item.path());
        switch (kind) {
            case "serial" -> {
                String port = item.requiredText("serial", "a serial port");
                int baud = item.integer("baud", SerialInputConfig.DEFAULT_BAUD);
                reader.check(item.key("baud"), key -> SerialInputConfig.checkBaud(key, baud));
                boolean capture = item.bool("capture", true);
                return reader.build(before, item.path(), () -> new SerialInputConfig(port, baud, capture, name, where));
            }
            case "simulate" -> {
                String named = item.requiredText("simulate", "a scenario");
                // a built-in scenario by name, or a scenario file, relative to the config file as every path is
                String scenario = named != null && (named.endsWith(".yaml") || named.endsWith(".yml")
                    || named.indexOf('/') >= 0) ? resolve(baseDir, named).toString() : named;
                double speed = speed(item);
                boolean loop = item.bool("loop", true);
                return reader.build(before, item.path(), () -> new SimulatedInputConfig(scenario, speed, loop, name,
                    where));
            }
            case "replay" -> {
                String capture = item.requiredText("replay", "a capture file");
                double speed = speed(item);
                return reader.build(before, item.path(), () -> new ReplayInputConfig(resolve(baseDir, capture), speed,
                    name, where));
            }
            default -> {
                return GpioInputConfig.read(reader, item.get("gpio"), name, where);
            }
        }
    }

    private double speed(ConfigReader.Node item) {
        double speed = item.number("speed", 1);
        reader.check(item.key("speed"), key -> InputConfig.checkSpeed(key, speed));
        return speed;
    }

    /** The {@code person} section's weight and units, over {@code technique}. */
    private TechniqueConfig person(ConfigReader.Node person, TechniqueConfig technique) {
        TechniqueConfig config = technique;
        if (person.has("bodyWeightKg")) {
            double kg = person.number("bodyWeightKg", 0);
            config = with(config, "person.bodyWeightKg", kg, person.key("bodyWeightKg"));
        }
        if (person.has("units")) {
            config = with(config, "person.units", person.text("units", "in"), person.key("units"));
        }
        return config;
    }

    /** Each threshold in file order; one that is refused leaves the others as they were. */
    private TechniqueConfig technique(ConfigReader.Node thresholds, TechniqueConfig technique) {
        if (thresholds.isAbsent()) {
            return technique;
        }
        if (!thresholds.json().isObject()) {
            reader.problem(thresholds.path(), "must be a mapping of threshold keys (see docs/rules.md)");
            return technique;
        }
        TechniqueConfig config = technique;
        for (Map.Entry<String, ConfigReader.Node> entry : thresholds.entries().entrySet()) {
            Object value = entry.getValue().scalar();
            if (value != null) {
                config = with(config, entry.getKey(), value, entry.getValue().path());
            }
        }
        return config;
    }

    private TechniqueConfig with(TechniqueConfig config, String key, Object value, String path) {
        try {
            return config.with(key, value);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            reader.problem(path, message.startsWith(key + " ") ? message.substring(key.length() + 1) : message);
            return config;
        }
    }

    private Routine routine(ConfigReader.Node root) {
        Path file = root.filePath("routine", null, baseDir);
        if (file == null) {
            return Routine.guide();
        }
        try {
            return Routine.load(file);
        } catch (IllegalArgumentException e) {
            reader.problem(root.key("routine"), e.getMessage());
            return Routine.guide();
        }
    }

    /** An external broker; null (the embedded one) when the section is left out. */
    private MqttSettings mqtt(ConfigReader.Node node, String gatewayId) {
        if (!node.mapping(MQTT_KEYS)) {
            return null;
        }
        if (!node.json().has("url")) {
            // the section is for an external broker: without its url every key here would be silently ignored
            for (String key : node.entries().keySet().stream().filter(MQTT_KEYS::contains).toList()) {
                reader.problem(node.key(key), "applies to an external broker only: set mqtt.url as well "
                    + "(tcp://host:1883), or leave the mqtt section out to use the embedded broker");
            }
            return null;
        }
        int before = reader.problemCount();
        MqttSettings defaults = MqttSettings.of("tcp://localhost:1883", gatewayId);
        String url = node.requiredText("url", "the broker, e.g. tcp://host:1883");
        if (url != null) {
            reader.check(node.key("url"), key -> MqttSettings.checkUrl(key, url));
        }
        String clientId = node.text("clientId", null);
        String username = node.text("username", null);
        String password = node.text("password", null);
        Path caFile = node.existingFile("caFile", baseDir);
        Path clientCertFile = node.existingFile("clientCertFile", baseDir);
        Path clientKeyFile = node.existingFile("clientKeyFile", baseDir);
        String baseTopic = node.text("baseTopic", defaults.baseTopic());
        reader.check(node.key("baseTopic"), key -> MqttSettings.checkBaseTopic(key, baseTopic));
        boolean discovery = node.bool("discovery", defaults.discovery());
        String discoveryPrefix = node.text("discoveryPrefix", defaults.discoveryPrefix());
        int bufferMessages = node.integer("bufferMessages", defaults.bufferMessages());
        reader.check(node.key("bufferMessages"), key -> MqttSettings.checkBufferMessages(key, bufferMessages));
        int telemetryQos = node.integer("telemetryQos", defaults.telemetryQos());
        reader.check(node.key("telemetryQos"), key -> MqttSettings.checkTelemetryQos(key, telemetryQos));
        int keepAliveSeconds = node.integer("keepAliveSeconds", defaults.keepAliveSeconds());
        reader.check(node.key("keepAliveSeconds"), key -> MqttSettings.checkKeepAliveSeconds(key, keepAliveSeconds));
        return reader.build(before, node.path(), () -> new MqttSettings(url, clientId, username, password, caFile,
            clientCertFile, clientKeyFile, baseTopic, gatewayId, discovery, discoveryPrefix, bufferMessages,
            telemetryQos, keepAliveSeconds));
    }

    private GatewayConfig.BrokerConfig broker(ConfigReader.Node node) {
        node.mapping(Set.of("bindAddress", "port"));
        int port = node.integer("port", 1883);
        reader.check(node.key("port"), key -> EmbeddedBroker.checkPort(key, port));
        return new GatewayConfig.BrokerConfig(node.text("bindAddress", "0.0.0.0"), port);
    }

    private GatewayConfig.DisplayConfig display(ConfigReader.Node node) {
        int before = reader.problemCount();
        node.mapping(Set.of("enabled", "bindAddress", "port", "pin", "speech"));
        boolean enabled = node.bool("enabled", true);
        String bindAddress = node.text("bindAddress", "0.0.0.0");
        int port = node.integer("port", 8080);
        reader.check(node.key("port"), key -> DisplaySettings.checkPort(key, port));
        String pin = node.text("pin", null);
        if (pin != null) {
            reader.check(node.key("pin"), key -> GatewayConfig.DisplayConfig.checkPin(key, pin));
        }
        boolean speech = node.bool("speech", true);
        return reader.build(before, node.path(), () -> new GatewayConfig.DisplayConfig(enabled, bindAddress, port, pin,
            speech));
    }

    private GatewayConfig.StorageConfig storage(ConfigReader.Node node) {
        int before = reader.problemCount();
        node.mapping(Set.of("dir", "captures", "history", "capturesMaxMb"));
        String home = System.getenv("ROLLCOACH_HOME") != null ? System.getenv("ROLLCOACH_HOME")
            : System.getProperty("user.home") + "/.rollcoach";
        Path dir = node.filePath("dir", home, baseDir);
        boolean captures = node.bool("captures", true);
        boolean history = node.bool("history", true);
        int capturesMaxMb = node.integer("capturesMaxMb", 1024);
        reader.check(node.key("capturesMaxMb"),
            key -> GatewayConfig.StorageConfig.checkCapturesMaxMb(key, capturesMaxMb));
        return reader.build(before, node.path(), () -> new GatewayConfig.StorageConfig(dir, captures, history,
            capturesMaxMb));
    }

    private SpeechSettings speech(ConfigReader.Node node) {
        int before = reader.problemCount();
        node.mapping(Set.of("enabled", "voice", "repeatSeconds", "wordsPerMinute", "command", "outputDir"));
        SpeechSettings off = SpeechSettings.OFF;
        boolean enabled = node.bool("enabled", off.enabled());
        String voice = node.text("voice", off.voice());
        reader.check(node.key("voice"), key -> SpeechSettings.checkVoice(key, voice));
        double repeatSeconds = node.number("repeatSeconds", off.repeatSeconds());
        reader.check(node.key("repeatSeconds"), key -> SpeechSettings.checkRepeatSeconds(key, repeatSeconds));
        int wordsPerMinute = node.integer("wordsPerMinute", off.wordsPerMinute());
        reader.check(node.key("wordsPerMinute"), key -> SpeechSettings.checkWordsPerMinute(key, wordsPerMinute));
        String command = node.text("command", off.command());
        reader.check(node.key("command"), key -> SpeechSettings.checkCommand(key, command));
        Path outputDir = node.filePath("outputDir", null, baseDir);
        return reader.build(before, node.path(), () -> new SpeechSettings(enabled, voice, repeatSeconds,
            wordsPerMinute, command, outputDir));
    }

    /** {@code name} relative to the config file's folder; {@code ~/} is the home folder. */
    static Path resolve(Path baseDir, String name) {
        String expanded = name.startsWith("~/") ? System.getProperty("user.home") + name.substring(1) : name;
        Path path = Path.of(expanded);
        return path.isAbsolute() || baseDir == null ? path : baseDir.resolve(path).normalize();
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
