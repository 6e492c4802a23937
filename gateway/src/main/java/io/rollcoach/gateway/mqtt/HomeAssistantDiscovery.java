package io.rollcoach.gateway.mqtt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Home Assistant MQTT discovery: a roller appears as a device with its sensors, a contact sensor and a button
 * per command, available while both the gateway and the roller's link are online. Retained config messages under
 * {@code <prefix>/<component>/rollcoach_<id>/<object>/config}.
 */
final class HomeAssistantDiscovery {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record SensorSpec(String object, String name, String source, String template, String unit,
                              String deviceClass, String icon) {
    }

    private static final List<SensorSpec> SENSORS = List.of(
        new SensorSpec("force", "Force", "telemetry", "{{ value_json.force }}", "N", null, "mdi:weight"),
        new SensorSpec("position", "Position", "telemetry", "{{ value_json.pos }}", "mm", "distance", null),
        new SensorSpec("stroke", "Last stroke", "telemetry", "{{ value_json.stroke }}", "mm", "distance", null),
        new SensorSpec("cadence", "Cadence", "telemetry", "{{ value_json.cadence }}", "strokes/min", null, "mdi:metronome"),
        new SensorSpec("dwell", "Time on trigger point", "telemetry", "{{ value_json.dwell }}", "s", "duration", null),
        new SensorSpec("step", "Step", "telemetry", "{{ value_json.step }}", null, null, "mdi:format-list-numbered"),
        new SensorSpec("step_time", "Step time", "telemetry", "{{ value_json.stepTime }}", "s", "duration", null),
        new SensorSpec("session_time", "Session time", "telemetry", "{{ value_json.sessionTime }}", "s", "duration", null),
        new SensorSpec("feedback", "Feedback", "feedback", "{{ value_json.message }}", null, null, "mdi:account-voice"),
        new SensorSpec("battery", "Battery", "info", "{{ value_json.batteryPercent }}", "%", "battery", null));

    private static final Map<String, String> BUTTONS = new LinkedHashMap<>();

    static {
        BUTTONS.put("step_next", "step/next");
        BUTTONS.put("step_previous", "step/previous");
        BUTTONS.put("session_start", "session/start");
        BUTTONS.put("session_end", "session/end");
        BUTTONS.put("mark", "mark");
    }

    private final String prefix;
    private final Topics topics;

    HomeAssistantDiscovery(String prefix, Topics topics) {
        this.prefix = prefix;
        this.topics = topics;
    }

    /** Topic to retained config payload, for one roller. */
    Map<String, byte[]> configs(String id) {
        String node = "rollcoach_" + id.replaceAll("[^A-Za-z0-9_-]", "_");
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("identifiers", List.of(node));
        device.put("name", "RollCoach " + id);
        device.put("manufacturer", "RollCoach");
        device.put("model", "Sensor foam roller");
        List<Map<String, String>> availability = List.of(
            Map.of("topic", topics.gatewayStatus()),
            Map.of("topic", topics.roller(id, "status")));
        Map<String, byte[]> configs = new LinkedHashMap<>();
        for (SensorSpec sensor : SENSORS) {
            Map<String, Object> config = base(node, sensor.object(), sensor.name(), device, availability);
            config.put("state_topic", topics.roller(id, sensor.source()));
            config.put("value_template", sensor.template());
            if (sensor.unit() != null) {
                config.put("unit_of_measurement", sensor.unit());
            }
            if (sensor.deviceClass() != null) {
                config.put("device_class", sensor.deviceClass());
            }
            if (sensor.icon() != null) {
                config.put("icon", sensor.icon());
            }
            if (sensor.unit() != null && !"battery".equals(sensor.deviceClass())) {
                config.put("state_class", "measurement");
            }
            configs.put(prefix + "/sensor/" + node + "/" + sensor.object() + "/config", json(config));
        }
        Map<String, Object> contact = base(node, "contact", "On the roller", device, availability);
        contact.put("state_topic", topics.roller(id, "telemetry"));
        contact.put("value_template", "{{ 'ON' if value_json.contact else 'OFF' }}");
        contact.put("device_class", "occupancy");
        configs.put(prefix + "/binary_sensor/" + node + "/contact/config", json(contact));
        for (Map.Entry<String, String> button : BUTTONS.entrySet()) {
            Map<String, Object> config = base(node, button.getKey(),
                button.getValue().replace('/', ' ').replace("step ", "Step ").replace("session ", "Session ")
                    .replace("mark", "Mark trigger point"), device, availability);
            config.put("command_topic", topics.roller(id, "cmd/" + button.getValue()));
            config.put("payload_press", "{}");
            configs.put(prefix + "/button/" + node + "/" + button.getKey() + "/config", json(config));
        }
        return configs;
    }

    private static Map<String, Object> base(String node, String object, String name, Map<String, Object> device,
                                            List<Map<String, String>> availability) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("unique_id", node + "_" + object);
        config.put("object_id", node + "_" + object);
        config.put("device", device);
        config.put("availability", availability);
        config.put("availability_mode", "all");
        return config;
    }

    private static byte[] json(Map<String, Object> config) {
        try {
            return JSON.writeValueAsBytes(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
