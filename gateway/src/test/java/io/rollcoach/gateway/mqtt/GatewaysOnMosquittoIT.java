package io.rollcoach.gateway.mqtt;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many gateways, Mosquitto brokers of the tests' own, Mosquitto's own clients: nothing stale after a broker restart
 * without persistence, one answer per command with two gateways on one broker, gateways that share an id or a client
 * id noticed without a reconnect storm, and two brokers bridged to a third. Skipped, with a message, where Mosquitto
 * or its clients are absent.
 */
class GatewaysOnMosquittoIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeEach
    void needsMosquitto() {
        assumeTrue(MosquittoProcess.binary() != null && MosquittoProcess.client("mosquitto_rr") != null,
            "Mosquitto and its clients are not installed (apt-get install mosquitto mosquitto-clients) "
                + "to run this test");
    }

    /** One roller's engine and a gateway publishing it, as the app wires them. */
    private static final class Rig implements AutoCloseable {
        final Outbox outbox = new Outbox(Outbox.DEFAULT_CAPACITY_BYTES);
        final CommandRouter router = new CommandRouter();
        final MqttGateway gateway;
        final TechniqueEngine engine;
        final List<String> feedback = new ArrayList<>();

        Rig(MqttSettings settings, String roller) {
            gateway = new MqttGateway(settings, outbox.subscribe("mqtt"), router);
            engine = new TechniqueEngine(TechniqueConfig.defaults(), Routine.guide(),
                (type, device, body, off, len) -> {
                if (type == OutboxMessageType.FEEDBACK) {
                    feedback.add(body.getStringWithoutLengthAscii(off, len));
                }
                outbox.publish(type, device, body, off, len);
            }, RollerLink.NONE, SessionLedger.inMemory(), roller);
            router.register(engine::deviceName, engine);
            gateway.start();
            await().atMost(Duration.ofSeconds(10)).until(gateway::isConnected);
        }

        Rig roll(String scenario) {
            byte[] bytes = RollerSimulator.renderAll(ScenarioLibrary.load(scenario), SimOptions.defaults());
            new FrameDispatcher(engine).onBytes(bytes, 0, bytes.length);
            return this;
        }

        long connects() {
            return (Long) gateway.health().get("connects");
        }

        /** What {@code Gateway} publishes every 10 s, with the MQTT part that names this client. */
        void publishHealth() throws Exception {
            gateway.publishGatewayRetained("health", JSON.writeValueAsBytes(Map.of("gateway", "x",
                "mqtt", gateway.health())));
        }

        @Override
        public void close() {
            gateway.close(3000);
        }
    }

    private static MqttSettings settings(String url, String base, String gatewayId) {
        return MqttSettings.of(url, gatewayId).withBaseTopic(base);
    }

    /** topic → payload of every retained message under the filters, as a new subscriber gets them. */
    private static Map<String, String> retained(MosquittoProcess broker, String... filters) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--retained-only", "-W", "2", "-v"));
        for (String filter : filters) {
            arguments.add("-t");
            arguments.add(filter);
        }
        Map<String, String> messages = new TreeMap<>();
        for (String line : broker.run("mosquitto_sub", arguments.toArray(new String[0])).split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                messages.put(line.substring(0, space), line.substring(space + 1));
            }
        }
        return messages;
    }

    private static List<String> lines(Process client, String topicPrefix) throws Exception {
        client.waitFor(30, TimeUnit.SECONDS);
        return Arrays.stream(new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n"))
            .filter(line -> line.startsWith(topicPrefix)).collect(Collectors.toList());
    }

    @Test
    void aBrokerRestartedWithoutPersistenceGetsEveryRetainedStateBackAndSoDoesHomeAssistant() throws Exception {
        try (MosquittoProcess broker = MosquittoProcess.start(dir, "plain");
             Rig rig = new Rig(settings(broker.url(), "stale", "gw-r"), "roller-r").roll("strokes-too-long")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> retained(broker, "stale/#", "homeassistant/#")
                .containsKey("stale/roller-r/session"));
            Map<String, String> before = retained(broker, "stale/#", "homeassistant/#");
            assertEquals("online", before.get("stale/gateway/gw-r/status"));
            // a roller with no finished session has no last one, not one that started in 1970
            assertFalse(String.valueOf(before.get("stale/roller-r/last-session")).contains("1970-01-01"),
                before.get("stale/roller-r/last-session"));
            assertTrue(before.containsKey("stale/roller-r/status") && before.containsKey("stale/roller-r/last-session")
                && before.containsKey("homeassistant/sensor/rollcoach_roller-r/dwell/config")
                && before.containsKey("homeassistant/sensor/rollcoach_gateway_gw-r/mqtt_buffer/config"), before.keySet()
                .toString());

            broker.restart(); // no persistence: the broker forgot every retained message
            await().atMost(Duration.ofSeconds(15)).until(() -> rig.connects() == 2);
            await().atMost(Duration.ofSeconds(10)).until(() -> retained(broker, "stale/#", "homeassistant/#")
                .keySet().containsAll(before.keySet()));
            Map<String, String> after = retained(broker, "stale/#", "homeassistant/#");
            for (String topic : before.keySet()) {
                assertEquals(before.get(topic), after.get(topic), topic);
            }

            // Home Assistant restarted and lost its entities: its birth message brings the configs back
            String config = "homeassistant/sensor/rollcoach_roller-r/dwell/config";
            broker.run("mosquitto_pub", "-t", config, "-r", "-n");
            assertFalse(retained(broker, "homeassistant/#").containsKey(config));
            broker.run("mosquitto_pub", "-t", "homeassistant/status", "-m", "online");
            await().atMost(Duration.ofSeconds(10)).until(() -> retained(broker, "homeassistant/#").containsKey(config));
        }
    }

    @Test
    void twoGatewaysOnOneBrokerGiveOneAnswerPerCommandAndNoneForARollerNobodyServes() throws Exception {
        try (MosquittoProcess broker = MosquittoProcess.start(dir, "shared");
             Rig a = new Rig(settings(broker.url(), "two", "gw-a").withDiscovery(false), "roller-a")
                 .roll("good-technique");
             Rig b = new Rig(settings(broker.url(), "two", "gw-b").withDiscovery(false), "roller-b").roll("too-fast")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> retained(broker, "two/#")
                .keySet().containsAll(List.of("two/roller-a/status", "two/roller-b/status")));
            Process everything = broker.startClient("mosquitto_sub", "-V", "mqttv5", "-t", "two/#", "-v", "-W", "8");
            Thread.sleep(500); // subscribed
            String answerA = broker.run("mosquitto_rr", "-t", "two/roller-a/cmd/mark",
                "-e", "two/roller-a/cmd/replies/me", "-n", "-W", "5");
            String answerB = broker.run("mosquitto_rr", "-t", "two/roller-b/cmd/step/next", "-e", "two/replies/b", "-n",
                "-W", "5");
            Path binary = Files.write(dir.resolve("binary"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
            broker.run("mosquitto_pub", "-t", "two/roller-a/cmd/config", "-f", binary.toString());
            broker.run("mosquitto_pub", "-t", "two/nobody/cmd/mark", "-n");
            List<String> seen = lines(everything, "two/");

            assertTrue(answerA.contains("\"command\":\"mark\""), answerA);
            assertTrue(answerB.contains("\"command\":\"step/next\""), answerB);
            assertEquals(1, seen.stream().filter(l -> l.startsWith("two/roller-a/cmd/replies/me ")).count(),
                "one answer, though its topic is under cmd/: " + seen);
            assertEquals(1, seen.stream().filter(l -> l.startsWith("two/replies/b ")).count(), seen.toString());
            List<String> results = seen.stream().filter(l -> l.contains("/cmd/result ")).collect(Collectors.toList());
            assertEquals(1, results.size(), results.toString());
            assertTrue(results.get(0).startsWith("two/roller-a/cmd/result ") && results.get(0).contains("bad JSON"),
                results.toString());
            assertFalse(seen.stream().anyMatch(l -> l.contains("no roller")), seen.toString());
        }
    }

    @Test
    void twoGatewaysClaimingOneIdAreNoticedAndNeitherIsKnockedOff() throws Exception {
        try (MosquittoProcess broker = MosquittoProcess.start(dir, "same-id");
             Rig first = new Rig(settings(broker.url(), "same", "raspberrypi").withInstallation("0000aaaa"), "r1");
             Rig second = new Rig(settings(broker.url(), "same", "raspberrypi").withInstallation("0000bbbb"), "r2")) {
            for (int i = 0; i < 10 && (first.gateway.health().get("gatewayIdConflict").equals("")
                || second.gateway.health().get("gatewayIdConflict").equals("")); i++) {
                first.publishHealth();
                second.publishHealth();
                Thread.sleep(300);
            }
            assertEquals("rollcoach-raspberrypi-0000bbbb", first.gateway.health().get("gatewayIdConflict"));
            assertEquals("rollcoach-raspberrypi-0000aaaa", second.gateway.health().get("gatewayIdConflict"));
            assertEquals(1, first.connects());
            assertEquals(1, second.connects());
        }
    }

    @Test
    void oneClientIdOnTwoGatewaysIsNoReconnectStorm() throws Exception {
        try (MosquittoProcess broker = MosquittoProcess.start(dir, "same-client");
             Rig first = new Rig(settings(broker.url(), "storm", "gw-1").withClientId("copied-sd-card"), "r1");
             Rig second = new Rig(settings(broker.url(), "storm", "gw-2").withClientId("copied-sd-card"), "r2")) {
            // Paho's own reconnect took the session back every 1.3 s, forever: 2 × 15 connects in 20 s
            Thread.sleep(20_000);
            long connects = first.connects() + second.connects();
            assertTrue(connects <= 9, "the waits grow (2, 4, 8, 16 s...): " + connects + " connects in 20 s");
            String problems = first.gateway.health().get("lastProblem") + " / " + second.gateway.health()
                .get("lastProblem");
            assertTrue(problems.contains("another client may use the client id 'copied-sd-card'"), problems);
        }
    }

    @Test
    void twoBrokersBridgedToAThirdCarryEveryCommandAndEveryFeedbackExactlyOnce() throws Exception {
        try (MosquittoProcess left = MosquittoProcess.start(dir, "left");
             MosquittoProcess right = MosquittoProcess.start(dir, "right");
             MosquittoProcess hub = MosquittoProcess.start(dir, "hub", bridge("left", left), bridge("right", right))) {
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                hub.run("mosquitto_pub", "-t", "bridge/ping", "-m", "1", "-r");
                return retained(left, "bridge/ping").containsKey("bridge/ping")
                    && retained(right, "bridge/ping").containsKey("bridge/ping");
            });
            hub.run("mosquitto_pub", "-t", "bridge/ping", "-r", "-n");
            try (Rig one = new Rig(settings(left.url(), "bridge", "gw-left"), "roller-left");
                 Rig two = new Rig(settings(right.url(), "bridge", "gw-right"), "roller-right")) {
                Process feedback = hub.startClient("mosquitto_sub", "-t", "bridge/+/feedback", "-v", "-q", "1",
                    "-W", "10");
                Thread.sleep(500);
                one.roll("strokes-too-long");
                two.roll("too-fast");
                Process answers = hub.startClient("mosquitto_sub", "-V", "mqttv5", "-t", "bridge/replies/#",
                    "-t", "bridge/+/cmd/result", "-v", "-W", "8");
                Thread.sleep(500);
                String answerLeft = hub.run("mosquitto_rr", "-t", "bridge/roller-left/cmd/step/next",
                    "-e", "bridge/replies/hub-client", "-n", "-W", "5");
                String answerRight = hub.run("mosquitto_rr", "-t", "bridge/roller-right/cmd/step/next",
                    "-e", "bridge/replies/hub-client", "-n", "-W", "5");
                // the engines here run only while frames are fed: "did not answer" is their answer, once each
                assertTrue(answerLeft.contains("\"command\":\"step/next\""), answerLeft);
                assertTrue(answerRight.contains("\"command\":\"step/next\""), answerRight);
                List<String> replies = lines(answers, "bridge/");
                assertEquals(2, replies.size(), "one answer each: " + replies);

                List<String> events = lines(feedback, "bridge/");
                assertTrue(one.feedback.size() > 3 && two.feedback.size() > 3);
                assertEquals(one.feedback, payloads(events, "bridge/roller-left/feedback"));
                assertEquals(two.feedback, payloads(events, "bridge/roller-right/feedback"));
            }
        }
    }

    /** The bridge a gym's central broker runs to each room's broker (docs/mqtt.md shows the same). */
    private static String bridge(String name, MosquittoProcess room) {
        return String.join("\n", "connection " + name, "address 127.0.0.1:" + room.port(),
            "bridge_protocol_version mqttv50", "cleansession true", "topic bridge/# both 1",
            "topic homeassistant/# both 1");
    }

    private static List<String> payloads(List<String> lines, String topic) {
        return lines.stream().filter(l -> l.startsWith(topic + " ")).map(l -> l.substring(topic.length() + 1))
            .collect(Collectors.toList());
    }
}
