package io.rollcoach.gateway.app;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.rollcoach.gateway.broker.EmbeddedBroker;
import io.rollcoach.gateway.mqtt.MqttProbe;
import org.junit.jupiter.api.Test;

/** A gateway process killed outright: the broker says it is offline, through the Last Will. */
class LastWillIT {

    @Test
    void aKilledGatewayIsMarkedOfflineByItsWill() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.startOnFreePort("127.0.0.1", 0);
             JarProcess gateway = new JarProcess("run", "--simulate", "good-technique", "--broker", broker.url(),
                 "--set", "telemetry.hz=2")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> gateway.lines().stream()
                .anyMatch(l -> l.contains("connected to the MQTT broker")));
            try (MqttProbe all = new MqttProbe(broker.url(), "rollcoach/gateway/+/status")) {
                await().atMost(Duration.ofSeconds(10)).until(() -> all.received().stream()
                    .anyMatch(r -> r.payload().equals("online")));
                gateway.process().destroyForcibly().waitFor();
                await().atMost(Duration.ofSeconds(20)).until(() -> all.received().stream()
                    .anyMatch(r -> r.payload().equals("offline")));
            }
        }
    }
}
