package io.rollcoach.gateway.mqtt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Home Assistant MQTT discovery, as Home Assistant reads it today (see HomeAssistantSchemaTest for the version).
 *
 * <p>The gateway is a device of its own (its link, frames lost, MQTT buffer: diagnostic entities); each roller is a
 * device connected {@code via_device} the gateway, with its sensors, coach, feedback events, reminders (last session,
 * sessions today) and a button per command. Values that change many times a second are read from the throttled
 * {@code <base>/<id>/state} topic (at most once a second), because Home Assistant records every state change; force
 * and position, meaningless at that rate, are off by default. Roller entities are available while both the gateway
 * and the roller's link are online. Retained configs under {@code <prefix>/<component>/<node>/<object>/config}.
 * Built on the publisher thread.
 */
final class HomeAssistantDiscovery {
    static final String VERSION = "0.1.0";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DIAGNOSTIC = "diagnostic";

    /** One sensor: where its value comes from and how Home Assistant should treat it. */
    private record SensorSpec(String object, String name, String source, String template, String unit,
                              String deviceClass, String stateClass, String icon, boolean enabled, boolean diagnostic) {
    }

    private static final List<SensorSpec> ROLLER_SENSORS = List.of(
        new SensorSpec("force", "Force", "state", "{{ value_json.force }}", "N", null, "measurement", "mdi:weight",
            false, false),
        new SensorSpec("position", "Position", "state", "{{ value_json.pos }}", "mm", "distance", "measurement", null,
            false, false),
        new SensorSpec("stroke", "Last stroke", "state", "{{ value_json.stroke }}", "mm", "distance", "measurement",
            null, true, false),
        new SensorSpec("cadence", "Cadence", "state", "{{ value_json.cadence }}", "strokes/min", null, "measurement",
            "mdi:metronome", true, false),
        new SensorSpec("dwell", "Time on trigger point", "state", "{{ value_json.dwell }}", "s", "duration",
            "measurement", null, true, false),
        new SensorSpec("step", "Step", "state", "{{ value_json.step }}", null, null, null,
            "mdi:format-list-numbered", true, false),
        new SensorSpec("step_time", "Step time", "state", "{{ value_json.stepTime }}", "s", "duration", "measurement",
            null, true, false),
        new SensorSpec("session_time", "Session time", "state", "{{ value_json.sessionTime }}", "s", "duration",
            "measurement", null, true, false),
        new SensorSpec("coach", "Coach says", "coach", "{{ value_json.message[:255] }}", null, null, null,
            "mdi:account-voice", true, false),
        new SensorSpec("coach_kind", "Coach focus", "coach", "{{ value_json.kind }}", null, "enum", null, null, true,
            false),
        new SensorSpec("last_session", "Last session", "last-session",
            "{{ value_json.last.endedAt if value_json.last else None }}", null, "timestamp", null, null, true, false),
        new SensorSpec("last_session_length", "Last session length", "last-session",
            "{{ value_json.last.seconds if value_json.last else None }}", "s", "duration", null, null, true, false),
        new SensorSpec("last_session_score", "Last session score", "last-session",
            "{{ value_json.last.score if value_json.last and value_json.last.score is not none else None }}", null,
            null, null, "mdi:star-circle", true, false),
        new SensorSpec("sessions_today", "Sessions today", "last-session", "{{ value_json.sessionsToday }}", null,
            null, "total_increasing", "mdi:counter", true, false),
        new SensorSpec("battery", "Battery", "info", "{{ value_json.batteryPercent }}", "%", "battery", "measurement",
            null, true, true));

    private static final List<SensorSpec> GATEWAY_SENSORS = List.of(
        new SensorSpec("frames_lost", "Frames lost", "health",
            "{{ value_json.rollers | sum(attribute='framesLost') }}", null, null, "total_increasing",
            "mdi:lan-disconnect", true, true),
        new SensorSpec("mqtt_buffer", "MQTT buffer", "health", "{{ value_json.mqtt.waiting }}", null, null,
            "measurement", "mdi:tray-full", true, true),
        new SensorSpec("dropped_feedback", "Feedback dropped", "health", "{{ value_json.mqtt.droppedFeedback }}", null,
            null, "total_increasing", "mdi:message-alert", true, true));

    private static final Map<String, String> BUTTONS = new LinkedHashMap<>();

    static {
        BUTTONS.put("step_next", "step/next|Next step");
        BUTTONS.put("step_previous", "step/previous|Previous step");
        BUTTONS.put("session_start", "session/start|Start session");
        BUTTONS.put("session_end", "session/end|End session");
        BUTTONS.put("mark", "mark|Mark trigger point");
    }

    private final String prefix;
    private final Topics topics;
    private final String gatewayId;
    private final String gatewayNode;

    HomeAssistantDiscovery(String prefix, Topics topics, String gatewayId) {
        this.prefix = prefix;
        this.topics = topics;
        this.gatewayId = gatewayId;
        this.gatewayNode = "rollcoach_gateway_" + gatewayId;
    }

    /** The gateway's own device: its link to the broker and its diagnostics. */
    Map<String, byte[]> gatewayConfigs(String configurationUrl) {
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("identifiers", List.of(gatewayNode));
        device.put("name", "RollCoach gateway " + gatewayId);
        device.put("manufacturer", "RollCoach");
        device.put("model", "RollCoach gateway");
        device.put("sw_version", VERSION);
        if (configurationUrl != null) {
            device.put("configuration_url", configurationUrl);
        }
        Map<String, byte[]> configs = new LinkedHashMap<>();
        Map<String, Object> link = entity(gatewayNode, "binary_sensor", "link", "Broker link", device);
        link.put("state_topic", topics.gatewayStatus());
        link.put("payload_on", "online");
        link.put("payload_off", "offline");
        link.put("device_class", "connectivity");
        link.put("entity_category", DIAGNOSTIC);
        link.put("qos", 1);
        configs.put(topic("binary_sensor", gatewayNode, "link"), json(link));
        List<Map<String, String>> availability = List.of(Map.of("topic", topics.gatewayStatus()));
        for (SensorSpec sensor : GATEWAY_SENSORS) {
            Map<String, Object> config = sensor(gatewayNode, sensor, device, topics.gateway(sensor.source()));
            config.put("availability", availability);
            configs.put(topic("sensor", gatewayNode, sensor.object()), json(config));
        }
        return configs;
    }

    /** One roller's device and entities; firmware and serial number (its device id) once it has said them. */
    Map<String, byte[]> rollerConfigs(String id, String firmware, String serial, String configurationUrl) {
        String node = "rollcoach_" + id.replaceAll("[^A-Za-z0-9_-]", "_"); // unique ids as before: entities stay
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("identifiers", List.of(node));
        device.put("name", "RollCoach " + id);
        device.put("manufacturer", "RollCoach");
        device.put("model", "Sensor foam roller");
        if (firmware != null) {
            device.put("sw_version", firmware);
        }
        if (serial != null) {
            device.put("serial_number", serial);
        }
        if (configurationUrl != null) {
            device.put("configuration_url", configurationUrl);
        }
        device.put("via_device", gatewayNode);
        List<Map<String, String>> availability = List.of(
            Map.of("topic", topics.gatewayStatus()),
            Map.of("topic", topics.roller(id, "status")));
        Map<String, byte[]> configs = new LinkedHashMap<>();
        for (SensorSpec sensor : ROLLER_SENSORS) {
            Map<String, Object> config = sensor(node, sensor, device, topics.roller(id, sensor.source()));
            withAvailability(config, availability);
            if ("enum".equals(sensor.deviceClass())) {
                config.put("options", List.of("focus", "task", "idle", "done"));
            }
            if ("coach".equals(sensor.source())) {
                config.put("json_attributes_topic", topics.roller(id, "coach"));
            }
            if ("last_session".equals(sensor.object())) {
                config.put("json_attributes_topic", topics.roller(id, "last-session"));
                config.put("json_attributes_template", "{{ (value_json.last or {}) | tojson }}");
            }
            configs.put(topic("sensor", node, sensor.object()), json(config));
        }
        Map<String, Object> contact = entity(node, "binary_sensor", "contact", "On the roller", device);
        contact.put("state_topic", topics.roller(id, "state"));
        contact.put("value_template", "{{ 'ON' if value_json.contact else 'OFF' }}");
        contact.put("device_class", "occupancy");
        withAvailability(contact, availability);
        configs.put(topic("binary_sensor", node, "contact"), json(contact));

        Map<String, Object> link = entity(node, "binary_sensor", "link", "Link", device);
        link.put("state_topic", topics.roller(id, "status"));
        link.put("payload_on", "online");
        link.put("payload_off", "offline");
        link.put("device_class", "connectivity");
        link.put("entity_category", DIAGNOSTIC);
        link.put("qos", 1);
        link.put("availability", List.of(Map.of("topic", topics.gatewayStatus())));
        configs.put(topic("binary_sensor", node, "link"), json(link));

        // Feedback is momentary: an event entity fires once per message and keeps no stale "latest" state.
        Map<String, Object> feedback = entity(node, "event", "feedback", "Feedback", device);
        feedback.put("state_topic", topics.roller(id, "feedback"));
        feedback.put("event_types", List.of("info", "good", "warn", "error"));
        feedback.put("value_template", "{{ {'event_type': value_json.severity, 'rule': value_json.rule, "
            + "'verdict': value_json.verdict, 'message': value_json.message, 'speech': value_json.speech, "
            + "'step': value_json.step, 'n': value_json.n} | tojson }}");
        feedback.put("icon", "mdi:account-voice");
        feedback.put("qos", 1);
        withAvailability(feedback, availability);
        configs.put(topic("event", node, "feedback"), json(feedback));

        for (Map.Entry<String, String> button : BUTTONS.entrySet()) {
            String[] pathAndName = button.getValue().split("\\|");
            Map<String, Object> config = entity(node, "button", button.getKey(), pathAndName[1], device);
            config.put("command_topic", topics.roller(id, "cmd/" + pathAndName[0]));
            config.put("payload_press", "{}");
            config.put("qos", 1); // a press lost on a busy Wi-Fi is a step not taken
            withAvailability(config, availability);
            configs.put(topic("button", node, button.getKey()), json(config));
        }
        return configs;
    }

    private Map<String, Object> sensor(String node, SensorSpec sensor, Map<String, Object> device, String stateTopic) {
        Map<String, Object> config = entity(node, "sensor", sensor.object(), sensor.name(), device);
        config.put("state_topic", stateTopic);
        config.put("value_template", sensor.template());
        if (sensor.unit() != null) {
            config.put("unit_of_measurement", sensor.unit());
        }
        if (sensor.deviceClass() != null) {
            config.put("device_class", sensor.deviceClass());
        }
        if (sensor.stateClass() != null) {
            config.put("state_class", sensor.stateClass());
        }
        if (sensor.icon() != null) {
            config.put("icon", sensor.icon());
        }
        if (!sensor.enabled()) {
            config.put("enabled_by_default", false);
        }
        if (sensor.diagnostic()) {
            config.put("entity_category", DIAGNOSTIC);
        }
        return config;
    }

    private Map<String, Object> entity(String node, String platform, String object, String name,
                                       Map<String, Object> device) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("unique_id", node + "_" + object);
        // an entity id takes only lower-case letters, digits and '_'
        config.put("default_entity_id", platform + "."
            + (node + "_" + object).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_"));
        config.put("device", device);
        config.put("origin", Map.of("name", "RollCoach", "sw_version", VERSION));
        return config;
    }

    private static void withAvailability(Map<String, Object> config, List<Map<String, String>> availability) {
        config.put("availability", new ArrayList<>(availability));
        config.put("availability_mode", "all");
    }

    private String topic(String platform, String node, String object) {
        return prefix + "/" + platform + "/" + node + "/" + object + "/config";
    }

    private static byte[] json(Map<String, Object> config) {
        try {
            return JSON.writeValueAsBytes(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
