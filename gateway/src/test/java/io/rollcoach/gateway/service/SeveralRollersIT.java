package io.rollcoach.gateway.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.rollcoach.gateway.config.ConfigLoader;
import io.rollcoach.gateway.config.GatewayConfig;
import io.rollcoach.gateway.mqtt.MqttProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One gateway, three rollers: one engine and one topic tree each, commands reaching the right one. */
class SeveralRollersIT {

    @Test
    void eachRollerHasItsOwnEngineAndTopics(@TempDir Path dir) throws Exception {
        GatewayConfig config = ConfigLoader.parse(String.join("\n",
            "gateway: {id: gym}",
            "inputs:",
            "  - {simulate: strokes-too-long, speed: 10}",
            "  - {simulate: good-technique, speed: 10}",
            "  - {simulate: too-fast, speed: 10, name: corner-roller}",
            "broker: {port: 1883, bindAddress: 127.0.0.1}",
            "display: {enabled: false}",
            "storage: {dir: " + dir + ", history: false}", ""), "test.yaml", dir);
        try (Gateway gateway = new Gateway(config, true, null).start();
             MqttProbe probe = new MqttProbe(gateway.brokerUrl(), "rollcoach/+/feedback")) {
            List<String> ids = List.of("00c0ffee00000001", "00c0ffee00000002", "corner-roller");
            await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream()
                .allMatch(id -> probe.payloads("rollcoach/" + id + "/feedback").size() > 3));
            await().atMost(Duration.ofSeconds(30)).until(() ->
                probe.payloads("rollcoach/00c0ffee00000001/feedback").stream().anyMatch(p -> p.contains("too-long"))
                && probe.payloads("rollcoach/corner-roller/feedback").stream().anyMatch(p -> p.contains("too-fast")));
            assertEquals(0, probe.payloads("rollcoach/00c0ffee00000002/feedback").stream()
                .filter(p -> p.contains("\"severity\":\"warn\"")).count(), "good technique on roller 2: no warnings");
            assertEquals(List.of("00c0ffee00000001", "00c0ffee00000002", "corner-roller"), gateway.router().rollers());
        }
    }
}
