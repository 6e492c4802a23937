package io.rollcoach.gateway.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollcoach.gateway.mqtt.MqttProbe;
import org.junit.jupiter.api.Test;

/** The README's first command, run as a user runs it, read with a plain MQTT client. */
class DemoIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theDemoCoachesOverItsEmbeddedBroker() throws Exception {
        // --mqtt-port 0 and --http-port 0: take free ports, so the test never fights a running broker or display
        try (JarProcess demo = new JarProcess("demo", "--speed", "25", "--duration", "40", "--mqtt-port", "0",
            "--http-port", "0")) {
            String broker = demo.await("MQTT broker: (tcp://127\\.0\\.0\\.1:\\d+)", Duration.ofSeconds(60));
            String display = demo.await("Display: +(http://\\S+/)roller/", Duration.ofSeconds(5));
            HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(display + "roller/00c0ffee00000001")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(display + "api/health")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertTrue(health.body().contains("\"framesPerSecond\""), health.body());
            try (MqttProbe probe = new MqttProbe(broker, "rollcoach/#")) {
                String feedback = "rollcoach/00c0ffee00000001/feedback";
                await().atMost(Duration.ofSeconds(30)).until(() -> probe.payloads(feedback).stream()
                    .anyMatch(p -> p.contains("\"rule\":\"step\",\"verdict\":\"done\"")));
                List<String> events = probe.payloads(feedback);
                long previous = 0;
                for (String event : events) {
                    JsonNode node = JSON.readTree(event);
                    if (previous > 0) {
                        assertEquals(previous + 1, node.get("n").asLong(), "gapless, in order: " + event);
                    }
                    previous = node.get("n").asLong();
                }
                assertTrue(probe.payloads("rollcoach/00c0ffee00000001/status").contains("online"));
                assertTrue(demo.lines().stream().anyMatch(l -> l.contains("step          done")),
                    "a readable line per event on the console");
            }
            // what install.md has a user run next: the gateway's health, read back over the broker
            try (JarProcess status = new JarProcess("status", "--broker", broker, "--wait", "2")) {
                assertTrue(status.process().waitFor(30, TimeUnit.SECONDS), "status ends by itself");
                assertEquals(0, status.process().exitValue(), String.join("\n", status.lines()));
                await().atMost(Duration.ofSeconds(5)).until(() -> status.lines().stream() // the output is read on
                    .anyMatch(l -> l.matches("\\s+00c0ffee00000001\\s+online\\s.*")));  // a thread of its own
                assertTrue(status.lines().stream().anyMatch(l -> l.matches("gateway \\S+: online, MQTT connected .*")),
                    String.join("\n", status.lines()));
            }
        }
    }
}
