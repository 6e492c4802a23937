package io.rollcoach.gateway.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.rollcoach.gateway.config.ConfigLoader;
import io.rollcoach.gateway.config.GatewayConfig;
import io.rollcoach.gateway.input.FrameDispatcher;
import io.rollcoach.gateway.mqtt.MqttProbe;
import io.rollcoach.gateway.outbox.OutboxMessageType;
import io.rollcoach.gateway.serial.SocatPair;
import io.rollcoach.gateway.technique.RollerLink;
import io.rollcoach.gateway.technique.Routine;
import io.rollcoach.gateway.technique.SessionLedger;
import io.rollcoach.gateway.technique.TechniqueConfig;
import io.rollcoach.gateway.technique.TechniqueEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole live path: the simulator as a separate process on one end of a pseudo-terminal, the gateway on the
 * other, feedback read from its embedded broker; the capture it kept judges the same afterwards.
 */
class SerialGatewayIT {

    @Test
    void aRollerOnASerialPortIsCoachedOverMqttAndCaptured(@TempDir Path dir) throws Exception {
        try (SocatPair pty = SocatPair.start("gw-it")) {
            GatewayConfig config = ConfigLoader.parse(String.join("\n",
                "gateway: {id: serial-it}",
                "inputs:",
                "  - serial: " + pty.b(),
                "    name: calf-roller",
                "broker: {port: 1883, bindAddress: 127.0.0.1}",
                "display: {enabled: false}",
                "storage: {dir: " + dir + "}", ""), "test.yaml", dir);
            try (Gateway gateway = new Gateway(config, true, null).start();
                 MqttProbe probe = new MqttProbe(gateway.brokerUrl(), "rollcoach/calf-roller/#")) {
                Process sim = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", "../device-sim/target/rollcoach-sim.jar", "--scenario", "strokes-too-long", "--port",
                    pty.a(), "--speed", "8").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
                try {
                    assertTrue(sim.waitFor(60, TimeUnit.SECONDS), "the simulator finished");
                } finally {
                    sim.destroyForcibly();
                }
                String topic = "rollcoach/calf-roller/feedback";
                await().atMost(Duration.ofSeconds(10)).until(() -> probe.payloads(topic).stream()
                    .anyMatch(p -> p.contains("\"verdict\":\"too-long\"")));
                await().atMost(Duration.ofSeconds(5)).until(() -> probe.payloads(topic).stream()
                    .anyMatch(p -> p.contains("\"rule\":\"contact\",\"verdict\":\"off\"")));
                List<String> live = probe.payloads(topic);
                gateway.close();

                Path captures = dir.resolve("captures");
                List<Path> files;
                try (var list = Files.list(captures)) {
                    files = list.toList();
                }
                assertEquals(1, files.size(), "one capture for the roller: " + files);
                assertTrue(files.get(0).getFileName().toString().startsWith("calf-roller-"));
                byte[] captured = Files.readAllBytes(files.get(0));
                List<String> replayed = new ArrayList<>();
                TechniqueEngine engine = new TechniqueEngine(TechniqueConfig.defaults(), Routine.guide(),
                    (type, device, body, off, len) -> {
                        if (type == OutboxMessageType.FEEDBACK) {
                            replayed.add(body.getStringWithoutLengthAscii(off, len));
                        }
                    }, RollerLink.NONE, SessionLedger.inMemory(), "calf-roller");
                new FrameDispatcher(engine).onBytes(captured, 0, captured.length);
                assertEquals(live, replayed, "the capture judges the same as the live path did");
            }
        }
    }
}
