package io.rollcoach.gateway.mqtt;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against Mosquitto, the broker most Pis run: the local one on 1883 when it is up, and one started here that is
 * stopped and started again while the gateway publishes. Skipped, with a message, where Mosquitto is absent.
 */
class MosquittoIT {

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path mosquittoBinary() {
        for (String candidate : List.of("/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    /** Engine → outbox → MQTT gateway, fed frame by frame so the test controls the pace. */
    private static final class Rig implements AutoCloseable {
        final Outbox outbox = new Outbox(Outbox.DEFAULT_CAPACITY_BYTES);
        final MqttGateway gateway;
        final TechniqueEngine engine;
        final List<String> feedback = new ArrayList<>();
        final FrameDispatcher dispatcher;
        final byte[] bytes;

        Rig(String url, String base, String scenario) {
            gateway = new MqttGateway(MqttSettings.of(url, "gw-mosq").withBaseTopic(base).withDiscovery(false),
                outbox.subscribe("mqtt"), new CommandRouter());
            engine = new TechniqueEngine(TechniqueConfig.defaults(), Routine.guide(),
                (type, device, body, off, len) -> {
                if (type == OutboxMessageType.FEEDBACK) {
                    feedback.add(body.getStringWithoutLengthAscii(off, len));
                }
                outbox.publish(type, device, body, off, len);
            }, RollerLink.NONE, SessionLedger.inMemory(), null);
            dispatcher = new FrameDispatcher(engine);
            bytes = RollerSimulator.renderAll(ScenarioLibrary.load(scenario), SimOptions.defaults());
            gateway.start();
        }

        /** Feeds the part of the capture from {@code from} to {@code to} (fractions). */
        void feed(double from, double to) {
            int start = (int) (bytes.length * from);
            int end = (int) (bytes.length * to);
            dispatcher.onBytes(bytes, start, end - start);
        }

        @Override
        public void close() {
            gateway.close(3000);
        }
    }

    @Test
    void theLocalMosquittoCarriesEveryEventInOrder() throws Exception {
        assumeTrue(listening(1883), "no Mosquitto on 127.0.0.1:1883: start it with "
            + "'mosquitto -d -c /etc/mosquitto/mosquitto.conf' to run this test");
        String base = "mosq-it-" + ProcessHandle.current().pid();
        try (MqttProbe probe = new MqttProbe("tcp://127.0.0.1:1883", base + "/#");
             Rig rig = new Rig("tcp://127.0.0.1:1883", base, "strokes-too-long")) {
            await().atMost(Duration.ofSeconds(10)).until(rig.gateway::isConnected);
            rig.feed(0, 1);
            String topic = base + "/00c0ffee00000001/feedback";
            await().atMost(Duration.ofSeconds(10)).until(() -> probe.payloads(topic).size() == rig.feedback.size());
            assertEquals(rig.feedback, probe.payloads(topic));
        }
    }

    @Test
    void feedbackWaitsOutABrokerRestartAndArrivesInOrder(@TempDir Path dir) throws Exception {
        Path mosquitto = mosquittoBinary();
        assumeTrue(mosquitto != null, "Mosquitto is not installed (apt-get install mosquitto) to run this test");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        // Mosquitto started as root drops to its own user: it must be able to write its session store here
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path conf = Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n",
            "listener " + port + " 127.0.0.1", "allow_anonymous true", "persistence true",
            "persistence_location " + dir + "/", "autosave_interval 1", ""), StandardCharsets.US_ASCII);
        String url = "tcp://127.0.0.1:" + port;
        Process broker = start(mosquitto, conf, port);
        MqttProbe before = new MqttProbe(url, "restart/#", "restart-probe", false);
        try (Rig rig = new Rig(url, "restart", "full-session")) {
            await().atMost(Duration.ofSeconds(10)).until(rig.gateway::isConnected);
            rig.feed(0, 0.3);
            String topic = "restart/00c0ffee00000001/feedback";
            await().atMost(Duration.ofSeconds(10)).until(() -> before.payloads(topic).size() == rig.feedback.size());
            broker.destroy(); // SIGTERM: Mosquitto saves its sessions, as on a service restart
            broker.waitFor();
            before.close(); // its session, saved by the broker, is taken up by a probe with its id after the restart
            await().atMost(Duration.ofSeconds(10)).until(() -> !rig.gateway.isConnected());
            int cut = rig.feedback.size();
            rig.feed(0.3, 0.7); // the session goes on while the broker is away
            assertEquals(true, rig.feedback.size() > cut + 5, "events happened while the broker was down");
            broker = start(mosquitto, conf, port);
            try (MqttProbe after = new MqttProbe(url, "restart/#", "restart-probe", false)) {
                rig.feed(0.7, 1.0);
                try {
                    await().atMost(Duration.ofSeconds(30)).until(() -> received(before, after, topic).size()
                        == rig.feedback.size());
                } catch (ConditionTimeoutException e) {
                    // fall through: the comparison below says which events are missing, not just that some are
                }
                // at least once: a message in flight at the cut may come twice; the display drops repeats by "n"
                assertEquals(String.join("\n", rig.feedback), String.join("\n", received(before, after, topic)),
                    "every event, in order, none lost; probe: " + after.connectionHistory() + "; gateway: "
                        + rig.gateway.health());
            }
        } finally {
            before.close();
            broker.destroy();
            broker.waitFor();
        }
    }

    /** What the probe before the restart and the one after it received, in order, each message once. */
    private static List<String> received(MqttProbe before, MqttProbe after, String topic) {
        return Stream.concat(before.payloads(topic).stream(), after.payloads(topic).stream()).distinct()
            .collect(Collectors.toList());
    }

    @Test
    void credentialsAreUsedAndABadPasswordIsSaid(@TempDir Path dir) throws Exception {
        Path mosquitto = mosquittoBinary();
        Path passwd = Path.of("/usr/bin/mosquitto_passwd");
        assumeTrue(mosquitto != null && Files.isExecutable(passwd),
            "Mosquitto is not installed (apt-get install mosquitto) to run this test");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path passwords = dir.resolve("passwords");
        Process make = new ProcessBuilder(passwd.toString(), "-c", "-b", passwords.toString(), "coach", "s3cret")
            .redirectErrorStream(true).start();
        make.getInputStream().readAllBytes();
        assertEquals(0, make.waitFor());
        Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-r--r--"));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path conf = Files.writeString(dir.resolve("auth.conf"), String.join("\n", "listener " + port + " 127.0.0.1",
            "allow_anonymous false", "password_file " + passwords, ""), StandardCharsets.US_ASCII);
        Process broker = start(mosquitto, conf, port);
        String url = "tcp://127.0.0.1:" + port;
        try {
            MqttSettings good = new MqttSettings(url, null, "coach", "s3cret", null, null, null, "auth", "gw-auth",
                false, "homeassistant", 100, 0, 30);
            try (MqttGateway gateway =
                     new MqttGateway(good, new Outbox(1 << 16).subscribe("mqtt"), new CommandRouter())) {
                gateway.start();
                await().atMost(Duration.ofSeconds(10)).until(gateway::isConnected);
            }
            MqttSettings bad = new MqttSettings(url, null, "coach", "wrong", null, null, null, "auth", "gw-auth2",
                false, "homeassistant", 100, 0, 30);
            try (MqttGateway gateway =
                     new MqttGateway(bad, new Outbox(1 << 16).subscribe("mqtt"), new CommandRouter())) {
                gateway.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> !gateway.health().get("lastProblem").toString()
                    .isEmpty());
                assertEquals(false, gateway.isConnected());
            }
        } finally {
            broker.destroy();
            broker.waitFor();
        }
    }

    private static Process start(Path mosquitto, Path conf, int port) throws IOException {
        Process process = new ProcessBuilder(mosquitto.toString(), "-c", conf.toString())
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> listening(port));
        return process;
    }
}
