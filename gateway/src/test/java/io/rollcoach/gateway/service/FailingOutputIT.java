package io.rollcoach.gateway.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollcoach.gateway.config.ConfigLoader;
import io.rollcoach.gateway.config.GatewayConfig;
import io.rollcoach.gateway.mqtt.MqttProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An output that throws (here the console) loses only its own lines: the gateway goes on and counts it in health. */
class FailingOutputIT {
    private static final int FAILURES = 3;

    /** A console whose first lines fail, as a closed terminal or a bug in a sink would. */
    private static final class FailingConsole extends PrintStream {
        final AtomicInteger failed = new AtomicInteger();
        final List<String> printed = new CopyOnWriteArrayList<>();

        FailingConsole() {
            super(OutputStream.nullOutputStream());
        }

        @Override
        public PrintStream printf(String format, Object... args) {
            if (failed.get() < FAILURES) {
                failed.incrementAndGet();
                throw new IllegalStateException("the console is gone");
            }
            printed.add(String.format(format, args));
            return this;
        }

        @Override
        public void println(String line) {
            printed.add(line);
        }
    }

    @Test
    void aThrowingConsoleIsCountedInHealthAndTheGatewayGoesOn(@TempDir Path dir) throws Exception {
        GatewayConfig config = ConfigLoader.parse(String.join("\n",
            "gateway: {id: failing-console}",
            "inputs:",
            "  - {simulate: strokes-too-long, speed: 10, loop: true}",
            "broker: {port: 1883, bindAddress: 127.0.0.1}",
            "display: {enabled: false}",
            "storage: {dir: " + dir + ", history: false}", ""), "test.yaml", dir);
        FailingConsole console = new FailingConsole();
        try (Gateway gateway = new Gateway(config, true, console).start();
             MqttProbe probe = new MqttProbe(gateway.brokerUrl(), "rollcoach/+/feedback")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> console.printed.size() >= 3);
            assertEquals(FAILURES, console.failed.get());

            Map<String, Object> health = gateway.health();
            @SuppressWarnings("unchecked")
            Map<String, Long> agentErrors = (Map<String, Long>) health.get("agentErrors");
            assertEquals(FAILURES, agentErrors.get("console-output"), health.toString());
            assertEquals(0L, agentErrors.get("roller-sim-strokes-too-long"), health.toString());
            assertEquals(0L, agentErrors.get("mqtt-publisher"), health.toString());
            // the health as published keeps its keys and adds the counts
            JsonNode published = new ObjectMapper().valueToTree(health);
            assertTrue(published.has("rollers") && published.has("mqtt") && published.has("outbox"), health.toString());
            assertEquals(0, published.path("rollers").get(0).path("loopErrors").asInt(), health.toString());

            // the other outputs never noticed: feedback goes on reaching MQTT
            int before = probe.payloads("rollcoach/00c0ffee00000001/feedback").size();
            await().atMost(Duration.ofSeconds(60))
                .until(() -> probe.payloads("rollcoach/00c0ffee00000001/feedback").size() > before + 2);
        }
    }
}
