package io.rollcoach.gateway.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollcoach.gateway.command.CommandRouter;
import io.rollcoach.gateway.mqtt.MosquittoProcess;
import io.rollcoach.gateway.mqtt.MqttGateway;
import io.rollcoach.gateway.mqtt.MqttSettings;
import io.rollcoach.gateway.outbox.Outbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code rollcoach status} tells a running gateway from a stopped one, in words and in its exit status. */
class StatusCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Outcome(int exit, String out, String err) {
    }

    private static Outcome status(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new StatusCommand()).execute(args);
            return new Outcome(exit, outBytes.toString(StandardCharsets.UTF_8),
                errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void aStoppedGatewayIsOfflineSinceItStoppedAndExitsNonZero(@TempDir Path dir) throws Exception {
        assumeTrue(MosquittoProcess.binary() != null, "Mosquitto is not installed (apt-get install mosquitto)");
        try (MosquittoProcess broker = MosquittoProcess.start(dir, "status")) {
            MqttGateway gateway = new MqttGateway(MqttSettings.of(broker.url(), "gym-pi").withDiscovery(false),
                new Outbox(1 << 16).subscribe("mqtt"), new CommandRouter());
            gateway.start();
            await().atMost(Duration.ofSeconds(10)).until(gateway::isConnected);
            gateway.publishGatewayRetained("health", JSON.writeValueAsBytes(Map.of("gateway", "gym-pi",
                "at", "2026-12-06T12:00:00Z", "rollers", List.of(), "mqtt", gateway.health())));
            String[] ask = {"--broker", broker.url(), "--gateway", "gym-pi", "--wait", "1"};
            await().atMost(Duration.ofSeconds(10)).until(() -> status(ask).exit() == 0);
            assertTrue(status(ask).out().contains("gateway gym-pi: online, MQTT connected"), status(ask).out());

            gateway.close(3000);
            Outcome stopped = status(ask);
            assertEquals(3, stopped.exit(), stopped.out());
            assertTrue(stopped.out().contains("gateway gym-pi: OFFLINE since 20"), stopped.out());
            assertTrue(stopped.out().contains("gateway gym-pi: offline, MQTT -"), "not 'connected': " + stopped.out());

            Outcome unknown = status("--broker", broker.url(), "--gateway", "gym-pi-2", "--wait", "1");
            assertEquals(1, unknown.exit());
            assertTrue(unknown.err().contains("gateway 'gym-pi-2' has never published"), unknown.err());
        }
    }
}
