package io.rollcoach.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static GatewayConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, "rollcoach.yaml", Path.of("/etc/rollcoach"));
    }

    private static String error(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void aFullFileIsRead() {
        GatewayConfig config = parse("""
            gateway: {id: pi-gym-1}
            inputs:
              - serial: /dev/serial/by-id/usb-roller
                baud: 230400
                name: left
              - simulate: good-technique
                speed: 4
            person: {name: ana, bodyWeightKg: 62, units: cm}
            technique:
              stroke.maxMm: 60
              routine.autoAdvance: true
            mqtt:
              url: tcp://broker.local:1883
              username: coach
              password: secret
              baseTopic: gym/rollcoach
            display: {port: 8081, pin: "2468"}
            storage: {dir: /var/lib/rollcoach}
            """);
        assertEquals("pi-gym-1", config.gatewayId());
        assertEquals(2, config.inputs().size());
        assertEquals("serial", config.inputs().get(0).kind());
        assertEquals(230400, config.inputs().get(0).baud());
        assertEquals("left", config.inputs().get(0).name());
        assertEquals(4, config.inputs().get(1).speed());
        assertEquals("ana", config.person());
        assertEquals(62, config.technique().bodyWeightKg());
        assertEquals("cm", config.technique().units());
        assertEquals(60, config.technique().strokeMaxMm());
        assertTrue(config.technique().autoAdvance());
        assertEquals("gym/rollcoach", config.mqtt().baseTopic());
        assertEquals("pi-gym-1", config.mqtt().gatewayId());
        assertEquals(8081, config.display().port());
        assertEquals(Path.of("/var/lib/rollcoach/history.db"), config.storage().database());
        assertTrue(config.mqtt().toString().contains("coach") && !config.mqtt().toString().contains("secret"));
    }

    @Test
    void theShippedExampleConfigIsValid() {
        GatewayConfig config = ConfigLoader.load(Path.of("../dist/rollcoach.yaml"));
        assertEquals("pi-livingroom", config.gatewayId());
        assertEquals("serial", config.inputs().get(0).kind());
        assertNull(config.mqtt(), "the example uses the embedded broker");
    }

    @Test
    void noFileMeansTheEmbeddedBrokerAndDefaults() {
        GatewayConfig config = ConfigLoader.defaults();
        assertNull(config.mqtt());
        assertEquals(1883, config.broker().port());
        assertEquals(8080, config.display().port());
        assertEquals(58, config.technique().strokeMaxMm());
    }

    @Test
    void errorsNameTheFileLineKeyAndWhatIsAllowed() {
        assertEquals("rollcoach.yaml:3: mqtt.urll: unknown key; allowed here: baseTopic, bufferMessages, caFile, "
            + "clientCertFile, clientId, clientKeyFile, discovery, discoveryPrefix, keepAliveSeconds, password, "
            + "telemetryQos, url, username", error("gateway: {id: a}\nmqtt:\n  urll: tcp://x:1883\n"));
        assertEquals("rollcoach.yaml:3: technique.stroke.maxMm: stroke.maxMm must be from 51 to 65, was 80",
            error("person: {name: a}\ntechnique:\n  stroke.maxMm: 80\n"));
        assertEquals("rollcoach.yaml:2: display.port: must be a number from 0 to 65535, was 'eighty'",
            error("display:\n  port: eighty\n"));
        assertTrue(error("inputs:\n  - serial: /dev/ttyUSB0\n  - simulate: x\n    baud: -5\n")
            .startsWith("rollcoach.yaml:4: inputs[1].baud: must be from 1200"));
        assertTrue(error("inputs:\n  - {serial: a, simulate: b}\n").contains("inputs[0]: needs exactly one of"));
        assertTrue(error("mqtt:\n  url: http://x\n").contains("mqtt: mqtt.url must look like tcp://host:1883"));
        assertTrue(error("display: {pin: 12}\n").contains("display.pin: must be 4 to 12 digits"));
        assertEquals("rollcoach.yaml:3: mqtt.bufferMessages: applies to an external broker only: set mqtt.url as well "
            + "(tcp://host:1883), or leave the mqtt section out to use the embedded broker",
            error("gateway: {id: a}\nmqtt:\n  bufferMessages: 5\n"), "not ignored without a url");
        assertTrue(error("gateway: {id: a}\nperson: {units: cm}\nperson: {units: in}\n").startsWith("rollcoach.yaml:3: "
            + "not valid YAML: Duplicate field 'person'"), error("gateway: {id: a}\nperson: {units: cm}\nperson: {units: in}\n"));
        assertTrue(error("inputs:\n  - {simulate: a, name: left}\n  - {simulate: b, name: left}\n")
            .contains("inputs[1].name: 'left' is already the name of inputs[0]"));
        assertTrue(error("broker: {port: 0}\n").contains("broker.port: must be from 1 to 65535, was 0"),
            error("broker: {port: 0}\n"));
        assertTrue(error("gateway: [\n").startsWith("rollcoach.yaml:"), "bad YAML");
        assertTrue(error("gateway: [\n").contains("not valid YAML"));
    }

    @Test
    void gpioInputsAreCheckedAtLoad() {
        GatewayConfig config = parse("inputs:\n  - gpio: {force: {type: ads1115, bus: 1, address: 0x48, channel: 0},"
            + " rotation: {type: as5600, bus: 1}, button: {pin: 17}, rateHz: 100, radiusMm: 75}\n    name: maker\n");
        assertEquals("gpio", config.inputs().get(0).kind());
        String message = error("inputs:\n  - gpio: {force: {type: ads1115, bus: 1, address: 0x48, channel: 9},"
            + " rotation: {type: as5600, bus: 1}, radiusMm: 75}\n");
        assertTrue(message.startsWith("rollcoach.yaml:2: inputs[0].gpio"), message);
        assertTrue(message.contains("channel"), message);
    }

    @Test
    void aMissingFileOrRoutineIsSaidPlainly(@TempDir Path dir) throws Exception {
        assertEquals(dir.resolve("nope.yaml") + ": no such config file",
            assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("nope.yaml"))).getMessage());
        Path config = Files.writeString(dir.resolve("c.yaml"), "routine: mine.yaml\n");
        String message = assertThrows(ConfigException.class, () -> ConfigLoader.load(config)).getMessage();
        assertTrue(message.startsWith(config + ":1: routine: "), message);
        assertTrue(message.contains("mine.yaml"), message);
    }
}
