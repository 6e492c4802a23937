package io.rollcoach.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * Every discovery config the gateway publishes, checked against the keys, device classes, state classes and entity
 * categories of Home Assistant's MQTT platforms at a pinned version (test resource homeassistant/
 * mqtt-discovery-schema.txt, with the source it came from). A key Home Assistant does not know is dropped or refused
 * by it without a word to us; this test says it first.
 */
class HomeAssistantSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Set<String>> SCHEMA = load();

    private static Map<String, Set<String>> load() {
        Map<String, Set<String>> schema = new HashMap<>();
        try (InputStream in =
                 HomeAssistantSchemaTest.class.getResourceAsStream("/homeassistant/mqtt-discovery-schema.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                Set<String> values = schema.computeIfAbsent(line.substring(0, colon).trim(), k -> new TreeSet<>());
                for (String value : line.substring(colon + 1).trim().split("\\s+")) {
                    values.add(value);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return schema;
    }

    private static Set<String> section(String name) {
        return SCHEMA.getOrDefault(name, Set.of());
    }

    private static Map<String, JsonNode> allConfigs() throws IOException {
        HomeAssistantDiscovery discovery =
            new HomeAssistantDiscovery("homeassistant", new Topics("rollcoach", "gym-pi"), "gym-pi");
        Map<String, byte[]> raw = new LinkedHashMap<>(discovery.gatewayConfigs("http://192.168.1.20:8080/"));
        raw.putAll(discovery.rollerConfigs("00c0ffee00000001", "1.0", "00c0ffee00000001", "http://192.168.1.20:8080/"));
        raw.putAll(discovery.rollerConfigs("left-roller", null, null, null)); // before the roller said anything
        Map<String, JsonNode> configs = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> entry : raw.entrySet()) {
            configs.put(entry.getKey(), JSON.readTree(entry.getValue()));
        }
        return configs;
    }

    private static String platform(String topic) {
        return topic.split("/")[1];
    }

    @Test
    void everyKeyIsOneHomeAssistantKnowsForItsPlatform() throws IOException {
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, JsonNode> config : allConfigs().entrySet()) {
            String platform = platform(config.getKey());
            assertFalse(section(platform).isEmpty(), "platform " + platform + " is in the schema file");
            for (Iterator<String> keys = config.getValue().fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!section("common").contains(key) && !section(platform).contains(key)) {
                    unknown.add(config.getKey() + ": " + key);
                }
            }
            for (String required : section("required." + platform)) {
                assertTrue(config.getValue().has(required), config.getKey() + " needs " + required);
            }
        }
        assertEquals(List.of(), unknown);
    }

    @Test
    void noConfigUsesTheRemovedObjectIdAndEachNamesItsEntityId() throws IOException {
        for (Map.Entry<String, JsonNode> config : allConfigs().entrySet()) {
            for (String removed : section("removed")) {
                assertFalse(config.getValue().has(removed), config.getKey() + " still has " + removed);
            }
            String entityId = config.getValue().path("default_entity_id").asText();
            assertTrue(entityId.matches(platform(config.getKey()) + "\\.[a-z0-9_]+"),
                config.getKey() + ": " + entityId);
            assertFalse(config.getValue().path("unique_id").asText().isEmpty(), config.getKey());
        }
    }

    @Test
    void deviceClassesStateClassesCategoriesAndUnitsAreHomeAssistants() throws IOException {
        for (Map.Entry<String, JsonNode> entry : allConfigs().entrySet()) {
            JsonNode config = entry.getValue();
            String platform = platform(entry.getKey());
            if (config.has("device_class")) {
                String deviceClass = config.get("device_class").asText();
                assertTrue(section("device_class." + platform).contains(deviceClass),
                    entry.getKey() + ": " + deviceClass);
                Set<String> units = section("unit." + deviceClass);
                if (!units.isEmpty()) {
                    String unit = config.path("unit_of_measurement").asText("-");
                    assertTrue(units.contains(unit), entry.getKey() + ": unit " + unit + " for " + deviceClass);
                }
            }
            if (config.has("state_class")) {
                assertTrue(section("state_class." + platform).contains(config.get("state_class").asText()),
                    entry.getKey());
            }
            if (config.has("entity_category")) {
                assertTrue(section("entity_category").contains(config.get("entity_category").asText()), entry.getKey());
            }
            assertTrue(section("availability_mode").contains(config.path("availability_mode").asText("latest")));
            for (JsonNode availability : config.path("availability")) {
                availability.fieldNames().forEachRemaining(key -> assertTrue(section("availability").contains(key),
                    entry.getKey() + ": availability key " + key));
            }
            config.path("device").fieldNames().forEachRemaining(key ->
                assertTrue(section("device").contains(key), entry.getKey() + ": device key " + key));
            assertNotNull(config.get("origin"), entry.getKey() + ": origin block");
            config.path("origin").fieldNames().forEachRemaining(key ->
                assertTrue(section("origin").contains(key), entry.getKey() + ": origin key " + key));
        }
    }

    @Test
    void whatHomeAssistantUsersNeedIsThere() throws IOException {
        Map<String, JsonNode> configs = allConfigs();
        JsonNode battery = configs.get("homeassistant/sensor/rollcoach_00c0ffee00000001/battery/config");
        assertEquals("diagnostic", battery.path("entity_category").asText());
        assertEquals("measurement", battery.path("state_class").asText());
        JsonNode button = configs.get("homeassistant/button/rollcoach_00c0ffee00000001/step_next/config");
        assertEquals(1, button.path("qos").asInt());
        JsonNode device = button.path("device");
        assertEquals("1.0", device.path("sw_version").asText());
        assertEquals("00c0ffee00000001", device.path("serial_number").asText());
        assertEquals("http://192.168.1.20:8080/", device.path("configuration_url").asText());
        assertEquals("rollcoach_gateway_gym-pi", device.path("via_device").asText());
        assertTrue(configs.containsKey("homeassistant/event/rollcoach_00c0ffee00000001/feedback/config"));
        assertTrue(configs.containsKey("homeassistant/sensor/rollcoach_00c0ffee00000001/last_session/config"));
        assertTrue(configs.containsKey("homeassistant/sensor/rollcoach_00c0ffee00000001/sessions_today/config"));
        assertTrue(configs.containsKey("homeassistant/sensor/rollcoach_gateway_gym-pi/mqtt_buffer/config"));
        assertTrue(configs.containsKey("homeassistant/binary_sensor/rollcoach_gateway_gym-pi/link/config"));
        // values that change many times a second come from the throttled state topic, never from raw telemetry
        for (Map.Entry<String, JsonNode> config : configs.entrySet()) {
            assertFalse(config.getValue().path("state_topic").asText().endsWith("/telemetry"), config.getKey());
        }
        assertFalse(configs.get("homeassistant/sensor/rollcoach_00c0ffee00000001/force/config")
            .path("enabled_by_default").asBoolean(true), "force at 1 Hz says little: off by default");
    }
}
