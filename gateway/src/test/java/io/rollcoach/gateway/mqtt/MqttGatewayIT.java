package io.rollcoach.gateway.mqtt;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollcoach.gateway.broker.BrokerPortTakenException;
import io.rollcoach.gateway.broker.EmbeddedBroker;
import io.rollcoach.gateway.command.CommandRouter;
import io.rollcoach.gateway.input.FrameDispatcher;
import io.rollcoach.gateway.outbox.Outbox;
import io.rollcoach.gateway.outbox.OutboxMessageType;
import io.rollcoach.gateway.technique.RollerLink;
import io.rollcoach.gateway.technique.Routine;
import io.rollcoach.gateway.technique.SessionLedger;
import io.rollcoach.gateway.technique.TechniqueConfig;
import io.rollcoach.gateway.technique.TechniqueEngine;
import io.rollcoach.sim.RollerSimulator;
import io.rollcoach.sim.SimOptions;
import io.rollcoach.sim.scenario.ScenarioLibrary;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.TimerPingSender;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The MQTT side against a real broker: the embedded HiveMQ CE, started as the gateway would. */
class MqttGatewayIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedBroker.startOnFreePort("127.0.0.1", 0);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    /** One engine, its outbox and the MQTT gateway, as the app wires them. */
    private static final class Rig implements AutoCloseable {
        final Outbox outbox = new Outbox(Outbox.DEFAULT_CAPACITY_BYTES);
        final CommandRouter router = new CommandRouter();
        final MqttGateway gateway;
        final TechniqueEngine engine;
        final List<byte[]> feedback = new ArrayList<>();

        Rig(MqttSettings settings) {
            gateway = new MqttGateway(settings, outbox.subscribe("mqtt"), router);
            engine = new TechniqueEngine(TechniqueConfig.defaults(), Routine.guide(),
                (type, device, body, off, len) -> {
                if (type == OutboxMessageType.FEEDBACK) {
                    byte[] copy = new byte[len];
                    body.getBytes(off, copy);
                    feedback.add(copy);
                }
                outbox.publish(type, device, body, off, len);
            }, RollerLink.NONE, SessionLedger.inMemory(), null);
            router.register(engine::deviceName, engine);
            gateway.start();
        }

        void roll(String scenario) {
            byte[] bytes = RollerSimulator.renderAll(ScenarioLibrary.load(scenario), SimOptions.defaults());
            new FrameDispatcher(engine).onBytes(bytes, 0, bytes.length);
        }

        List<String> feedbackLines() {
            return feedback.stream().map(b -> new String(b, StandardCharsets.US_ASCII)).collect(Collectors.toList());
        }

        @Override
        public void close() {
            engine.shutdown();
            gateway.close(3000);
        }
    }

    private static MqttSettings settings(String base) {
        return MqttSettings.of(broker.url(), "gw-test").withBaseTopic(base);
    }

    @Test
    void pahosThreeLoopsAreFoundRunningOnEachConnectSoItsStartNeverSleeps() throws Exception {
        // PahoThreads reaches into Paho's loops by field name: this fails if the pinned Paho's loops change
        PahoThreads threads = new PahoThreads();
        MqttAsyncClient client = new MqttAsyncClient(broker.url(), "paho-threads-it", new MemoryPersistence(),
            new TimerPingSender(threads), threads);
        try {
            client.connect().waitForCompletion(10_000);
            assertEquals(3, threads.loopsMarkedRunning(), "sender, receiver and callback");
            client.publish("paho-threads/check", new MqttMessage(new byte[] {1}, 1,
                false, null)).waitForCompletion(5_000);
            client.disconnect().waitForCompletion(5_000);
            client.connect().waitForCompletion(10_000); // the loops stopped at the disconnect start again
            assertEquals(6, threads.loopsMarkedRunning());
            assertTrue(client.isConnected());
            client.disconnect().waitForCompletion(5_000);
        } finally {
            client.close(true);
            threads.shutdownNow();
        }
    }

    @Test
    void publishesStatusesFeedbackTelemetryAndSummary() throws Exception {
        try (Rig rig = new Rig(settings("it1")); MqttProbe probe = new MqttProbe(broker.url(), "it1/#")) {
            await().atMost(Duration.ofSeconds(10)).until(rig.gateway::isConnected);
            rig.roll("good-technique");
            String id = "00c0ffee00000001";
            await().atMost(Duration.ofSeconds(10)).until(() ->
                probe.payloads("it1/" + id + "/feedback").size() == rig.feedbackLines().size());
            assertEquals(rig.feedbackLines(), probe.payloads("it1/" + id + "/feedback"),
                "every event, in order, byte for byte what the engine wrote");
            assertTrue(probe.payloads("it1/gateway/gw-test/status").contains("online"));
            assertEquals(List.of("online"), probe.payloads("it1/" + id + "/status"));
            JsonNode info = JSON.readTree(probe.payloads("it1/" + id + "/info").get(0));
            assertEquals(100, info.get("sampleRateHz").asInt());
            assertFalse(probe.payloads("it1/" + id + "/telemetry").isEmpty());
            List<String> sessions = probe.payloads("it1/" + id + "/session");
            JsonNode summary = JSON.readTree(sessions.get(sessions.size() - 1));
            assertTrue(summary.get("tissues").get(0).get("done").asBoolean(), summary.toString());
        }
        // a late subscriber sees the retained state: gateway offline after a clean shutdown, roller offline too
        try (MqttProbe late = new MqttProbe(broker.url(), "it1/#")) {
            await().atMost(Duration.ofSeconds(5))
                .until(() -> late.payloads("it1/gateway/gw-test/status").contains("offline")
                    && late.payloads("it1/00c0ffee00000001/status").contains("offline")
                    && !late.payloads("it1/00c0ffee00000001/session").isEmpty());
        }
    }

    @Test
    void answersEveryGoodAndBadCommand() throws Exception {
        try (Rig rig = new Rig(settings("it2")); MqttProbe probe = new MqttProbe(broker.url(), "it2/#")) {
            await().atMost(Duration.ofSeconds(10)).until(rig.gateway::isConnected);
            rig.roll("good-technique");
            String id = "00c0ffee00000001";
            String cmd = "it2/" + id + "/cmd/";
            String result = cmd + "result";
            Thread ticker = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    rig.engine.onTick(System.nanoTime()); // as an input thread does while the roller is silent
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            ticker.start();
            try {
                probe.publish(cmd + "step/next", "", null, null);
                probe.publish(cmd + "config", "{\"stroke.maxMm\": 99}", null, null);
                probe.publish(cmd + "config", "{not json", null, null);
                probe.publish(cmd + "jump", "{}", null, null);
                probe.publish("it2/nosuchroller/cmd/mark", "", null, null);
                probe.publish(cmd + "config", "{\"stroke.maxMm\": 60}", "it2/replies/me", "abc".getBytes());
                await().atMost(Duration.ofSeconds(10)).until(() -> probe.payloads(result).size() == 4
                    && probe.payloads("it2/replies/me").size() == 1);
            } finally {
                ticker.interrupt();
            }
            List<JsonNode> answers = new ArrayList<>();
            for (String payload : probe.payloads(result)) {
                answers.add(JSON.readTree(payload));
            }
            // answers come as each command is done, not in the order asked: find each by what it says
            String all = answers.toString();
            assertTrue(answers.stream().anyMatch(a -> a.get("ok").asBoolean()
                && a.get("command").asText().equals("step/next")), all);
            assertTrue(answers.stream().anyMatch(a -> !a.get("ok").asBoolean()
                && a.get("message").asText().contains("stroke.maxMm must be from 51 to 65, was 99")), all);
            assertTrue(answers.stream().anyMatch(a -> !a.get("ok").asBoolean()
                && a.get("message").asText().contains("bad JSON at line 1, column 2")), all);
            assertTrue(answers.stream().anyMatch(a -> !a.get("ok").asBoolean()
                && a.get("message").asText().contains("unknown command 'jump'")), all);
            // a roller no gateway serves gets no answer: on a shared broker only the gateway that has it may speak
            assertEquals(List.of(), probe.payloads("it2/nosuchroller/cmd/result"));
            MqttProbe.Received reply = probe.received().stream().filter(r -> r.topic().equals("it2/replies/me"))
                .findFirst().orElseThrow();
            assertEquals("abc", new String(reply.correlation()));
            assertTrue(reply.payload().contains("\"ok\":true"), reply.payload());
            assertEquals(60, rig.engine.config().strokeMaxMm(), "only the good config was applied");
        }
    }

    @Test
    void announcesTheRollerToHomeAssistant() throws Exception {
        try (Rig rig = new Rig(settings("it3")); MqttProbe probe = new MqttProbe(broker.url(), "homeassistant/#")) {
            await().atMost(Duration.ofSeconds(10)).until(rig.gateway::isConnected);
            rig.roll("hold-still");
            String topic = "homeassistant/button/rollcoach_00c0ffee00000001/step_next/config";
            await().atMost(Duration.ofSeconds(10)).until(() -> !probe.payloads(topic).isEmpty());
            String button = probe.payloads(topic).get(0);
            JsonNode config = JSON.readTree(button);
            assertEquals("it3/00c0ffee00000001/cmd/step/next", config.get("command_topic").asText());
            assertEquals("it3/gateway/gw-test/status", config.get("availability").get(0).get("topic").asText());
            assertEquals("it3/00c0ffee00000001/status", config.get("availability").get(1).get("topic").asText());
        }
    }

    @Test
    void theEmbeddedBrokerSendsNoSubscriptionIdentifiers() throws Exception {
        // Node-RED 4.1 loses messages matching two of its subscriptions when they carry identifiers (docs/mqtt.md)
        MqttAsyncClient client = new MqttAsyncClient(broker.url(), "subid-probe", new MemoryPersistence());
        try {
            IMqttToken token = client.connect();
            token.waitForCompletion(10_000);
            assertFalse(token.getResponseProperties().isSubscriptionIdentifiersAvailable());
            client.disconnect().waitForCompletion(5_000);
        } finally {
            client.close(true);
        }
    }

    @Test
    void aTakenPortIsSaidPlainly() {
        BrokerPortTakenException taken = assertThrows(BrokerPortTakenException.class,
            () -> EmbeddedBroker.start("127.0.0.1", broker.port()));
        assertTrue(taken.getMessage().contains("already in use"));
        assertTrue(taken.getMessage().contains("--broker tcp://localhost:" + broker.port()));
    }
}
