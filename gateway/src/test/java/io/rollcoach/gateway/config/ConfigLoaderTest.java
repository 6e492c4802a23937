package io.rollcoach.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.rollcoach.gateway.technique.TechniqueConfig;
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
              - replay: /var/lib/rollcoach/captures/monday.rcap
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
        assertEquals(3, config.inputs().size());
        SerialInputConfig serial = assertInstanceOf(SerialInputConfig.class, config.inputs().get(0));
        assertEquals("/dev/serial/by-id/usb-roller", serial.port());
        assertEquals(230400, serial.baud());
        assertEquals("left", serial.topicName());
        assertEquals("rollcoach.yaml:3:5", serial.where());
        SimulatedInputConfig simulated = assertInstanceOf(SimulatedInputConfig.class, config.inputs().get(1));
        assertEquals("good-technique", simulated.scenario());
        assertEquals(4, simulated.speed());
        assertTrue(simulated.loop());
        ReplayInputConfig replay = assertInstanceOf(ReplayInputConfig.class, config.inputs().get(2));
        assertEquals(Path.of("/var/lib/rollcoach/captures/monday.rcap"), replay.capture());
        assertNull(replay.topicName());
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
        assertInstanceOf(SerialInputConfig.class, config.inputs().get(0));
        assertEquals("tcp://localhost:1883", config.mqtt().url(), "the package's config uses the Pi's Mosquitto");
    }

    @Test
    void captureAndScenarioFilesAreRelativeToTheConfigFileAndScenarioNamesStayNames() {
        Path folder = Path.of("/etc/rollcoach");
        GatewayConfig config = ConfigLoader.parse("inputs:\n  - replay: captures/monday.rcap\n"
            + "  - simulate: scenarios/mine.yaml\n  - simulate: good-technique\n", "rollcoach.yaml", folder);
        assertEquals(folder.resolve("captures/monday.rcap"), ((ReplayInputConfig) config.inputs().get(0)).capture());
        assertEquals(folder.resolve("scenarios/mine.yaml").toString(),
            ((SimulatedInputConfig) config.inputs().get(1)).scenario());
        assertEquals("good-technique", ((SimulatedInputConfig) config.inputs().get(2)).scenario());
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
    void errorsNameTheFileLineColumnKeyAndWhatIsAllowed() {
        assertEquals("rollcoach.yaml:3:3: mqtt.urll: unknown key; allowed here: baseTopic, bufferMessages, caFile, "
            + "clientCertFile, clientId, clientKeyFile, discovery, discoveryPrefix, keepAliveSeconds, password, "
            + "telemetryQos, url, username", error("gateway: {id: a}\nmqtt:\n  urll: tcp://x:1883\n"));
        assertEquals("rollcoach.yaml:3:3: technique.stroke.maxMm: must be from 51 to 65, was 80",
            error("person: {name: a}\ntechnique:\n  stroke.maxMm: 80\n"));
        assertEquals("rollcoach.yaml:2:3: display.port: must be a whole number, was 'eighty'",
            error("display:\n  port: eighty\n"));
        assertEquals("rollcoach.yaml:3:5: inputs[0].baud: must be from 1200 to 4000000, was -5",
            error("inputs:\n  - serial: /dev/ttyUSB0\n    baud: -5\n"));
        assertEquals("rollcoach.yaml:4:5: inputs[1].baud: unknown key; allowed here: loop, name, simulate, speed",
            error("inputs:\n  - serial: /dev/ttyUSB0\n  - simulate: x\n    baud: 9600\n"), "baud is for serial only");
        assertEquals("rollcoach.yaml:2:5: inputs[0]: needs exactly one of serial, simulate, replay or gpio; had "
            + "[serial, simulate]", error("inputs:\n  - {serial: a, simulate: b}\n"));
        assertEquals("rollcoach.yaml:2:5: inputs[0].serial: must name a serial port", error("inputs:\n  - serial:\n"));
        assertEquals("rollcoach.yaml:2:3: mqtt.url: must look like tcp://host:1883 or ssl://host:8883, was 'http://x'",
            error("mqtt:\n  url: http://x\n"));
        assertTrue(error("display: {pin: 12}\n").contains("display.pin: must be 4 to 12 digits"));
        assertEquals("rollcoach.yaml:3:3: mqtt.bufferMessages: applies to an external broker only: set mqtt.url as "
            + "well (tcp://host:1883), or leave the mqtt section out to use the embedded broker",
            error("gateway: {id: a}\nmqtt:\n  bufferMessages: 5\n"), "not ignored without a url");
        String twice = error("gateway: {id: a}\nperson: {units: cm}\nperson: {units: in}\n");
        assertTrue(twice.matches("rollcoach\\.yaml:3:\\d+: not valid YAML: Duplicate field 'person'(?s).*"), twice);
        assertEquals("rollcoach.yaml:3:19: inputs[1].name: 'left' is already the name of inputs[0]",
            error("inputs:\n  - {simulate: a, name: left}\n  - {simulate: b, name: left}\n"));
        assertEquals("rollcoach.yaml:1:10: broker.port: must be from 1 to 65535, was 0", error("broker: {port: 0}\n"));
        assertEquals("rollcoach.yaml:1:11: gateway.id: must be 1 to 64 letters, digits, '-' or '_' (it is a topic "
            + "level), was 'gym pi'", error("gateway: {id: gym pi}\n"));
        assertTrue(error("gateway: [\n").startsWith("rollcoach.yaml:"), "bad YAML");
        assertTrue(error("gateway: [\n").contains("not valid YAML"));
    }

    @Test
    void everyErrorInAFileIsReportedInOneRunInFileOrder() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("""
            gateway: {id: "gym pi"}
            inputs:
              - serial: /dev/ttyUSB0
                baud: 300
              - gpio: {force: {type: ads1115, channel: 9, gain: 5}, rotation: {type: as5600},
                       button: {pin: 40}, rateHz: 0, radiusMm: 75}
                name: calf
            person: {name: ana, bodyWeightKg: 900}
            technique:
              stroke.maxMm: 80
              stroke.minMm: 20
              cadence.fast: 3
            mqtt:
              url: tcp://broker.local:1883
              bufferMessages: 5
            display: {port: 70000, pin: "12"}
            storage: {capturesMaxMb: 1}
            speech: {wordsPerMinute: 20}
            """));
        assertEquals(List.of(
            "rollcoach.yaml:1:11: gateway.id: must be 1 to 64 letters, digits, '-' or '_' (it is a topic level), "
                + "was 'gym pi'",
            "rollcoach.yaml:4:5: inputs[0].baud: must be from 1200 to 4000000, was 300",
            "rollcoach.yaml:5:35: inputs[1].gpio.force.channel: must be 0..3, was 9",
            "rollcoach.yaml:5:47: inputs[1].gpio.force.gain: must be one of 6.144, 4.096, 2.048, 1.024, 0.512, "
                + "0.256 (full-scale volts), was 5.0",
            "rollcoach.yaml:6:21: inputs[1].gpio.button.pin: must be a BCM GPIO number 0..27 (not a header pin "
                + "number), was 40",
            "rollcoach.yaml:6:31: inputs[1].gpio.rateHz: must be 1..1000, was 0",
            "rollcoach.yaml:8:21: person.bodyWeightKg: must be from 20 to 300, was 900",
            "rollcoach.yaml:10:3: technique.stroke.maxMm: must be from 51 to 65, was 80",
            "rollcoach.yaml:12:3: technique.cadence.fast: unknown threshold \"cadence.fast\"; known: "
                + String.join(", ", TechniqueConfig.keys().keySet()),
            "rollcoach.yaml:15:3: mqtt.bufferMessages: must be from 10 to 1000000, was 5",
            "rollcoach.yaml:16:11: display.port: must be from 0 to 65535 (0: any free port), was 70000",
            "rollcoach.yaml:16:24: display.pin: must be 4 to 12 digits (quote it: pin: \"2468\"), was '12'",
            "rollcoach.yaml:17:11: storage.capturesMaxMb: must be from 16 to 1048576, was 1",
            "rollcoach.yaml:18:10: speech.wordsPerMinute: must be 80 to 450, was 20"),
            e.problems().stream().map(ConfigProblem::toString).toList());
        assertEquals(String.join("\n", e.problems().stream().map(ConfigProblem::toString).toList()), e.getMessage());
    }

    @Test
    void gpioInputsAreReadOnceIntoTypedRecords() {
        GatewayConfig config = parse("inputs:\n  - gpio: {force: {type: ads1115, bus: 1, address: 0x48, channel: 0},"
            + " rotation: {type: as5600, bus: 1}, button: {pin: 17}, rateHz: 100, radiusMm: 75}\n    name: maker\n");
        GpioInputConfig gpio = assertInstanceOf(GpioInputConfig.class, config.inputs().get(0));
        assertEquals("maker", gpio.name(), "the entry's name names the roller when the mapping gives none");
        assertEquals("maker", gpio.topicName());
        assertEquals(GpioInputConfig.ForceType.ADS1115, gpio.force().type());
        assertEquals(0x48, gpio.force().address());
        assertEquals(GpioInputConfig.RotationType.AS5600, gpio.rotation().type());
        assertEquals(17, gpio.button().pin());
        assertEquals(750, gpio.radiusTenthMm());
        assertEquals("rollcoach.yaml:2:5", gpio.where());
    }

    @Test
    void aMissingFileOrRoutineIsSaidPlainly(@TempDir Path dir) throws Exception {
        assertEquals(dir.resolve("nope.yaml") + ": no such config file",
            assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("nope.yaml"))).getMessage());
        Path config = Files.writeString(dir.resolve("c.yaml"), "routine: mine.yaml\n");
        String message = assertThrows(ConfigException.class, () -> ConfigLoader.load(config)).getMessage();
        assertTrue(message.startsWith(config + ":1:1: routine: "), message);
        assertTrue(message.contains("mine.yaml"), message);
    }
}
