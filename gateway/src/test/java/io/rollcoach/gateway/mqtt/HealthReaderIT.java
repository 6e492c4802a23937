package io.rollcoach.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What gateways left retained on a real Mosquitto, read back per gateway. */
class HealthReaderIT {
    private static void retain(MqttClient client, String topic, String payload, String since) throws Exception {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), 1, true, null);
        if (since != null) {
            MqttProperties properties = new MqttProperties();
            properties.setUserProperties(List.of(new UserProperty("since", since)));
            message.setProperties(properties);
        }
        client.publish(topic, message);
    }

    @Test
    void eachGatewaysRetainedStatusHealthAndStopTimeAreReadInOrderOfId(@TempDir Path dir) throws Exception {
        assumeTrue(MosquittoProcess.binary() != null, "Mosquitto is not installed (apt-get install mosquitto)");
        try (MosquittoProcess broker = MosquittoProcess.start(dir, "health-reader")) {
            MqttClient publisher = new MqttClient(broker.url(), "health-reader-test", new MemoryPersistence());
            publisher.connect();
            retain(publisher, "gym/gateway/hall-pi/status", "online", null);
            retain(publisher, "gym/gateway/hall-pi/health", "{\"rollers\":[]}", null);
            retain(publisher, "gym/gateway/gym-pi/status", "offline\n", "2026-12-06T12:00:00Z");
            retain(publisher, "other/gateway/elsewhere/status", "online", null);
            publisher.disconnect();
            publisher.close();

            List<HealthReader.Reading> all;
            try (HealthReader reader = HealthReader.open(broker.url(), null, null)) {
                all = reader.read("gym", null, Duration.ofSeconds(1));
            }
            assertEquals(List.of(new HealthReader.Reading("gym-pi", "offline", null, "2026-12-06T12:00:00Z"),
                new HealthReader.Reading("hall-pi", "online", "{\"rollers\":[]}", null)), all);
            assertFalse(all.get(0).isOnline());
            assertTrue(all.get(1).isOnline());

            try (HealthReader reader = HealthReader.open(broker.url(), null, null)) {
                assertEquals(List.of("hall-pi"), reader.read("gym", "hall-pi", Duration.ofSeconds(1)).stream()
                    .map(HealthReader.Reading::gateway).toList());
            }
            try (HealthReader reader = HealthReader.open(broker.url(), null, null)) {
                assertEquals(List.of(), reader.read("gym", "nobody", Duration.ofMillis(500)));
            }
        }
    }

    @Test
    void aBrokerThatIsNotThereIsAnIoExceptionAndNoUrlAtAllIsRefusedAtOpen() {
        try (HealthReader reader = HealthReader.open("tcp://127.0.0.1:9", null, null)) {
            assertThrows(IOException.class, () -> reader.read("rollcoach", null, Duration.ofMillis(100)));
        }
        assertThrows(IllegalArgumentException.class, () -> HealthReader.open("no broker here", null, null));
    }
}
