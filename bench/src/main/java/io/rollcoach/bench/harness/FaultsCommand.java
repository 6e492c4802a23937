package io.rollcoach.bench.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.rollcoach.gateway.input.FrameDispatcher;
import io.rollcoach.gateway.outbox.OutboxMessageType;
import io.rollcoach.gateway.technique.RollerLink;
import io.rollcoach.gateway.technique.Routine;
import io.rollcoach.gateway.technique.SessionLedger;
import io.rollcoach.gateway.technique.TechniqueConfig;
import io.rollcoach.gateway.technique.TechniqueEngine;
import io.rollcoach.protocol.feedback.Rule;
import org.eclipse.paho.mqttv5.common.MqttException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code faults}: one session through everything that goes wrong, in turn: corrupted and dropped bytes (verdicts
 * compared with the clean stream judged offline), the broker stopped and restarted three times, the roller unplugged
 * and replugged ten times, a burst of malformed commands, and the gateway killed outright and started again. A
 * persistent QoS 1 subscriber checks every feedback event by its {@code n}.
 */
@Command(name = "faults", mixinStandardHelpOptions = true,
    description = "Faults during one session: corruption, broker restarts, replugs, malformed commands, SIGKILL; "
        + "checks that no feedback event is lost and no verdict changes.")
public final class FaultsCommand implements Callable<Integer> {
    private static final int RATE = 100;

    @Option(names = "--seconds", paramLabel = "S", description = "Bound on the whole run (default 120).")
    double seconds = 120;

    @Option(names = "--mosquitto", paramLabel = "PATH",
        description = "The Mosquitto binary (default /usr/sbin/mosquitto).")
    Path mosquitto = Path.of("/usr/sbin/mosquitto");

    @Mixin
    GatewayJarOption jar = new GatewayJarOption();

    @Override
    public Integer call() throws Exception {
        if (!Files.isExecutable(mosquitto)) {
            System.err.println("faults: Mosquitto is needed (apt-get install mosquitto), not found at " + mosquitto);
            return 2;
        }
        double phase = seconds / 8; // corruption, broker restarts, replugs, commands, kill: each its share
        Path dir = Files.createTempDirectory("rollcoach-faults-");
        MosquittoProcess broker = MosquittoProcess.startPersistent(mosquitto, dir);
        String url = broker.url();
        RollerFeed feed = new RollerFeed(0x00fa017000000001L, RATE, seconds, RollerFeed.BUSY_SCENARIO, 0, 0, 7);
        Files.writeString(dir.resolve("gateway.yaml"), "gateway: {id: faults}\ndisplay: {enabled: false}\n"
            + "storage: {dir: " + dir + ", captures: false}\nmqtt: {url: " + url + ", discovery: false}\n");
        int brokerRestarts = 0;
        int replugs = 0;
        long commandsSent = 0;
        boolean historyOk;
        try (PtyPair pty = new PtyPair("faults")) {
            List<String> args = List.of("run", "--config", dir.resolve("gateway.yaml").toString(), "--serial",
                pty.gatewayEnd(), "--set", "feedback.repeatS=1");
            PersistentSubscriber subscriber = new PersistentSubscriber(url);
            GatewayProcess gateway = new GatewayProcess(jar.gatewayJar, List.of("-Xmx96m"), args);
            gateway.awaitLine("connected to the MQTT broker", 60);
            Writer writer = new Writer(feed, pty, new Random(11));
            writer.start();
            long start = System.nanoTime();

            writer.corrupt = true; // phase 1: 1% of bytes corrupted, 0.5% of frames dropped
            sleepUntil(start, phase * 2);
            writer.corrupt = false;
            int cleanUpTo = writer.sampleWritten;
            for (int i = 0; i < 3; i++) { // phase 2: the broker stopped and started again
                broker.stop();
                Thread.sleep((long) (phase * 1000 / 4));
                broker.start();
                brokerRestarts++;
                Thread.sleep((long) (phase * 1000 / 4));
            }
            for (int i = 0; i < 10; i++) { // phase 3: the roller unplugged and plugged back
                writer.paused = true;
                pty.unplug();
                Thread.sleep(300);
                pty.start();
                writer.paused = false;
                replugs++;
                Thread.sleep((long) (phase * 1000 / 10));
            }
            commandsSent = malformedCommands(subscriber, feed.topicId(), 10_000); // phase 4
            long waitAnswers = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (subscriber.answers() < commandsSent && System.nanoTime() < waitAnswers) {
                Thread.sleep(100);
            }
            System.out.println("commands answered before the kill: " + subscriber.answers() + " (subscriber connected: "
                + subscriber.isConnected() + ", reconnects " + subscriber.reconnects() + ")");
            gateway.kill(); // phase 5: SIGKILL, then start it again
            writer.paused = true;
            GatewayProcess restarted = new GatewayProcess(jar.gatewayJar, List.of("-Xmx96m"), args);
            restarted.awaitLine("connected to the MQTT broker", 60);
            writer.paused = false;
            sleepUntil(start, seconds - 10);
            writer.halt();
            Thread.sleep(3000);
            historyOk = restarted.output().stream().noneMatch(l -> l.contains("history") && l.contains("ERROR"));
            restarted.close();
            subscriber.close();
            historyOk &= historyHasCutShort(dir.resolve("history.db"));
            Result result = check(subscriber.received(), feed, cleanUpTo);
            long answers = subscriber.answers();
            boolean ok = result.lost == 0 && result.verdictsChanged == 0 && historyOk && answers >= commandsSent;
            System.out.printf("events=%d gateway_runs=%d commands_sent=%d commands_answered=%d history_cut_short=%b%n",
                result.events, result.runs, commandsSent, answers, historyOk);
            System.out.printf("faults broker_restarts=%d replugs=%d lost=%d duplicates_delivered=%d "
                + "verdicts_changed=%d ok=%b%n", brokerRestarts, replugs, result.lost, result.duplicates,
                result.verdictsChanged, ok);
            return ok ? 0 : 1;
        } finally {
            broker.close();
        }
    }

    private record Result(long events, int runs, long lost, long duplicates, long verdictsChanged) {
    }

    /**
     * Gaps and repeats in n per gateway run (n starts again at 1 after the restart); verdicts of the corrupted part.
     */
    private static Result check(List<String[]> received, RollerFeed feed, int cleanUpTo) {
        List<String> live = new ArrayList<>();
        long lost = 0;
        long duplicates = 0;
        int runs = 1;
        long last = 0;
        Set<Long> seen = new HashSet<>();
        for (String[] message : received) {
            if (!message[0].endsWith("/feedback")) {
                continue;
            }
            long n = (long) JsonScan.number(message[1], "\"n\":");
            if (n == 1 && last > 1) {
                runs++;
                seen.clear();
                last = 0;
            }
            if (!seen.add(n)) {
                duplicates++;
                continue;
            }
            if (n > last + 1) {
                lost += n - last - 1;
            }
            last = Math.max(last, n);
            if (runs == 1) {
                live.add(message[1]);
            }
        }
        // the reference: the same frames, clean, judged offline by the same engine
        List<String> reference = new ArrayList<>();
        TechniqueEngine engine = new TechniqueEngine(TechniqueConfig.defaults().with("feedback.repeatS", 1),
            Routine.guide(), (type, device, body, offset, length) -> {
                if (type == OutboxMessageType.FEEDBACK) {
                    reference.add(body.getStringWithoutLengthAscii(offset, length));
                }
            }, RollerLink.NONE, SessionLedger.inMemory(), null);
        FrameDispatcher dispatcher = new FrameDispatcher(engine);
        int lastFrame = 0;
        while (lastFrame < feed.frames() && (feed.sampleOf[lastFrame] < 0 || feed.sampleOf[lastFrame] < cleanUpTo)) {
            lastFrame++;
        }
        dispatcher.onBytes(feed.bytes, 0, feed.frameEnd[Math.max(0, lastFrame - 1)]);
        double horizon = (cleanUpTo - RATE * 2) / (double) RATE - feed.originUs / 1e6 + feed.sampleTimeUs[0] / 1e6;
        List<String> liveVerdicts = verdicts(live, horizon);
        List<String> referenceVerdicts = verdicts(reference, horizon);
        long changed = 0;
        for (int i = 0; i < Math.max(liveVerdicts.size(), referenceVerdicts.size()); i++) {
            String a = i < liveVerdicts.size() ? liveVerdicts.get(i) : "";
            String b = i < referenceVerdicts.size() ? referenceVerdicts.get(i) : "";
            if (!a.equals(b)) {
                changed++;
            }
        }
        if (changed > 0) {
            System.out.println("live:      " + liveVerdicts);
            System.out.println("reference: " + referenceVerdicts);
        }
        return new Result(received.stream().filter(m -> m[0].endsWith("/feedback")).count(), runs, lost, duplicates,
            changed);
    }

    private static List<String> verdicts(List<String> events, double horizon) {
        List<String> verdicts = new ArrayList<>();
        for (String event : events) {
            String rule = JsonScan.text(event, "\"rule\":\"");
            if (rule.equals(Rule.DATA.jsonName()) || JsonScan.number(event, "\"t\":") > horizon) {
                continue;
            }
            verdicts.add(rule + " " + JsonScan.text(event, "\"verdict\":\""));
        }
        return verdicts;
    }

    private static long malformedCommands(PersistentSubscriber client, String id, int count) throws MqttException {
        String[] payloads = {"{not json", "{\"stroke.maxMm\": 999}", "{\"nope\": 1}", "[1,2,3]", "\"text\"",
            "{\"pattern\": 99}", "{\"person\": 42}"};
        String[] paths = {"config", "config", "config", "config", "step/next", "cue", "session/start", "jump", "",
            "config/extra"};
        Random random = new Random(3);
        for (int i = 0; i < count; i++) {
            String path = paths[random.nextInt(paths.length)];
            String payload = payloads[random.nextInt(payloads.length)];
            if (path.equals("step/next")) {
                path = "step/nexxt";
            }
            client.publish("rollcoach/" + id + "/cmd/" + path, payload.getBytes(StandardCharsets.UTF_8));
            if (i % 200 == 199) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // within the client's in-flight window
            }
        }
        return count;
    }

    private boolean historyHasCutShort(Path database) throws IOException, InterruptedException {
        Process history = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
            jar.gatewayJar.toString(), "history", "--db", database.toString(), "--format", "json")
            .redirectErrorStream(true).start();
        String output = new String(history.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        history.waitFor(30, TimeUnit.SECONDS);
        return history.exitValue() == 0 && output.contains("\"status\" : \"cut-short\"");
    }

    private static void sleepUntil(long start, double seconds) throws InterruptedException {
        long wait = start + (long) (seconds * 1e9) - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000);
        }
    }

    /** Writes the roller's frames at 100 Hz on its own thread, corrupting and dropping when asked. */
    private static final class Writer extends Thread {
        private final RollerFeed feed;
        private final PtyPair pty;
        private final Random random;
        volatile boolean corrupt;
        volatile boolean paused;
        volatile boolean stopped;
        volatile int sampleWritten;

        Writer(RollerFeed feed, PtyPair pty, Random random) {
            super("faults-writer");
            this.feed = feed;
            this.pty = pty;
            this.random = random;
            setDaemon(true);
        }

        @Override
        public void run() {
            long start = System.nanoTime();
            long period = 1_000_000_000L / RATE;
            byte[] scratch = new byte[64];
            for (int f = 0; f < feed.frames() && !stopped; f++) {
                int sample = feed.sampleOf[f];
                if (sample >= 0) {
                    long due = start + sample * period;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    sampleWritten = sample;
                }
                if (paused) {
                    continue; // unplugged, or the gateway is down: these frames never arrive
                }
                int length = feed.frameEnd[f] - feed.frameStart[f];
                System.arraycopy(feed.bytes, feed.frameStart[f], scratch, 0, length);
                if (corrupt) {
                    if (random.nextDouble() < 0.005) {
                        continue; // dropped frame
                    }
                    for (int i = 0; i < length; i++) {
                        if (random.nextDouble() < 0.01) {
                            scratch[i] = (byte) random.nextInt(256); // corrupted byte
                        }
                    }
                }
                pty.write(scratch, 0, length);
            }
        }

        void halt() {
            stopped = true;
        }
    }
}
