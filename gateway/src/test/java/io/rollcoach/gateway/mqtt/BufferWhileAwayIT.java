package io.rollcoach.gateway.mqtt;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.rollcoach.gateway.broker.EmbeddedBroker;
import io.rollcoach.gateway.command.CommandRouter;
import io.rollcoach.gateway.outbox.Outbox;
import io.rollcoach.gateway.outbox.OutboxMessageType;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * The broker is away from the start: feedback waits in the bounded queue, the oldest goes when it is full
 * (counted), telemetry is not kept, and when the broker comes the kept feedback goes out in order.
 */
class BufferWhileAwayIT {

    @Test
    void feedbackWaitsBoundedAndGoesOutInOrder() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String url = "tcp://127.0.0.1:" + port;
        Outbox outbox = new Outbox(1 << 16);
        MqttSettings settings = MqttSettings.of(url, "gw-away").withBaseTopic("away").withDiscovery(false)
            .withBufferMessages(20);
        try (MqttGateway gateway = new MqttGateway(settings, outbox.subscribe("mqtt"), new CommandRouter())) {
            gateway.start();
            UnsafeBuffer body = new UnsafeBuffer(new byte[64]);
            for (int n = 1; n <= 50; n++) {
                int length = body.putStringWithoutLengthAscii(0, "{\"n\":" + n + "}");
                outbox.publish(OutboxMessageType.FEEDBACK, "r1", body, 0, length);
                outbox.publish(OutboxMessageType.TELEMETRY, "r1", body, 0, length);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> ((Number) gateway.health().get("droppedFeedback"))
                .longValue() == 30);
            assertEquals(50L, gateway.health().get("droppedTelemetry"), "telemetry is not kept while away");
            // the gateway retries with a doubling back-off (now several seconds): the probe subscribes first
            try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", port);
                 MqttProbe probe = new MqttProbe(url, "away/r1/feedback")) {
                await().atMost(Duration.ofSeconds(60)).until(() -> probe.payloads("away/r1/feedback").size() == 20);
                List<String> expected = new ArrayList<>();
                for (int n = 31; n <= 50; n++) {
                    expected.add("{\"n\":" + n + "}");
                }
                assertEquals(expected, probe.payloads("away/r1/feedback"), "the newest 20, in order");
            }
        }
    }
}
