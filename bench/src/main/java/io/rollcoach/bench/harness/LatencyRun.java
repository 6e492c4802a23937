package io.rollcoach.bench.harness;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * One measured run: N rollers written into N pseudo-terminals at a set rate, one gateway process reading them, a
 * subscriber timing each feedback event from the write of the sample that caused it to its arrival.
 */
final class LatencyRun {
    /** The busy scenario lifts the roller every 2 s: offsets over that period give every roller its own phase. */
    static final double PHASE_SPREAD_S = 2;

    final Histogram events = new Histogram(60_000_000L, 3);
    final Histogram telemetry = new Histogram(60_000_000L, 3);
    /** With {@code --subscriber sse}: the same, read from the display's event stream in the same run. */
    final Histogram sseEvents = new Histogram(60_000_000L, 3);
    final Histogram sseTelemetry = new Histogram(60_000_000L, 3);
    long sseLost;
    long lost;
    long unmatched;
    double gatewayCpuPercent;
    double writerLagMaxMs;
    double gatewayRssMb;

    private final Map<String, Integer> rollerOfTopicId = new HashMap<>();
    private final long[] lastN;
    private final long[] lastSseN;
    private final long[][] writeNanos;
    private final RollerFeed[] feeds;
    private final int warmUpSamples;
    private final LatencySeries series = new LatencySeries();
    private volatile long measureStartNanos;

    private LatencyRun(RollerFeed[] feeds, int rateHz, double warmUpSeconds) {
        this.feeds = feeds;
        this.lastN = new long[feeds.length];
        this.lastSseN = new long[feeds.length];
        this.writeNanos = new long[feeds.length][];
        for (int i = 0; i < feeds.length; i++) {
            writeNanos[i] = new long[feeds[i].samples];
            rollerOfTopicId.put(feeds[i].topicId(), i);
        }
        this.warmUpSamples = (int) (warmUpSeconds * rateHz);
    }

    /**
     * @param lockstep every roller plays the scenario from the same instant, so all their events fall in the same
     *                 millisecond (the worst case); otherwise roller i starts {@link #PHASE_SPREAD_S} × i / rollers
     *                 seconds later, spreading their events over the scenario's 2 s lift cycle
     * @param launcher the command line before the gateway's {@code run} arguments ({@link GatewayProcess#javaCommand})
     * @param seriesFile where every measured message goes as CSV, or null
     */
    static LatencyRun run(List<String> launcher, String brokerUrl, FeedOptions feed, int rollers, int rateHz,
                          double seconds, boolean lockstep, Path seriesFile) throws Exception {
        int batchMs = feed.batchMs;
        if (batchMs < 1 || batchMs > 1000) {
            throw new IllegalArgumentException("--batch-ms must be 1 to 1000, was " + batchMs);
        }
        if (!(seconds > 0 && seconds <= 86_400)) {
            throw new IllegalArgumentException("--seconds must be more than 0 and at most 86400, was " + seconds);
        }
        double warmUp = feed.warmUpSeconds;
        if (warmUp < 0 || warmUp > 3600) {
            throw new IllegalArgumentException("--warm-up must be 0 to 3600 s, was " + warmUp);
        }
        RollerFeed[] feeds = new RollerFeed[rollers];
        for (int i = 0; i < rollers; i++) {
            double lead = lockstep ? 0 : PHASE_SPREAD_S * i / rollers;
            if (lead > 0 && lead < 0.1) {
                lead += PHASE_SPREAD_S; // a scenario segment lasts 0.1 s at least; a period later is the same phase
            }
            feeds[i] = new RollerFeed(0x00be0c0000000001L + i, rateHz, seconds + warmUp + 2,
                RollerFeed.BUSY_SCENARIO, 0, 0, 1 + i, lead);
        }
        LatencyRun run = new LatencyRun(feeds, rateHz, warmUp);
        List<PtyPair> ptys = new ArrayList<>();
        Path dir = Files.createTempDirectory("rollcoach-bench-");
        try {
            List<String> args = new ArrayList<>(List.of("run", "--broker", brokerUrl, "--config",
                dir.resolve("bench.yaml").toString(), "--set", "feedback.repeatS=1", "--set", "telemetry.hz=20"));
            for (int i = 0; i < rollers; i++) {
                PtyPair pty = new PtyPair("r" + i);
                ptys.add(pty);
                args.add("--serial");
                args.add(pty.gatewayEnd());
            }
            boolean sse = "sse".equals(feed.subscriber);
            int displayPort = sse ? freePort() : 0;
            Files.writeString(dir.resolve("bench.yaml"), "gateway: {id: bench}\n"
                + (sse ? "display: {enabled: true, bindAddress: 127.0.0.1, port: " + displayPort + "}\n"
                : "display: {enabled: false}\n")
                + "storage: {dir: " + dir + ", captures: false, history: false}\nmqtt: {url: " + brokerUrl
                + ", discovery: false}\n");
            try (GatewayProcess gateway = new GatewayProcess(launcher, args);
                 AutoCloseable subscriber = run.subscribe(sse ? "socket" : feed.subscriber, brokerUrl)) {
                gateway.awaitLine("connected to the MQTT broker", 60);
                AutoCloseable stream = sse ? new SseSubscriber(run, displayPort) : null;
                Thread.sleep(500); // the serial links open
                double[] cpuAtStart = new double[1]; // the gateway's CPU seconds when measuring starts
                run.writeAll(ptys, rateHz, batchMs, warmUp, seconds, () -> {
                    cpuAtStart[0] = gateway.cpuSeconds(); // not the warm-up's compiling: only what is measured
                    run.measureStartNanos = System.nanoTime();
                });
                Thread.sleep(1000); // the last events arrive
                double cpu = gateway.cpuSeconds() - cpuAtStart[0];
                run.gatewayCpuPercent = 100 * cpu / ((System.nanoTime() - run.measureStartNanos) / 1e9);
                run.gatewayRssMb = gateway.rssMb();
                if (stream != null) {
                    stream.close();
                }
            }
            if (seriesFile != null) {
                run.series.write(seriesFile);
            }
        } finally {
            for (PtyPair pty : ptys) {
                pty.close();
            }
        }
        return run;
    }

    /**
     * Writes every roller's frames on one thread, paced by the sample clock, each roller's due frames in one write
     * every {@code batchMs} (1 ms: a frame at a time at 1000/s; more: the bursts a USB-serial adapter delivers);
     * records each sample's write time. Calls {@code atMeasureStart} once the warm-up is written.
     */
    private void writeAll(List<PtyPair> ptys, int rateHz, int batchMs, double warmUpSeconds, double seconds,
                          CpuProbe atMeasureStart) throws IOException {
        long period = batchMs * 1_000_000L;
        int[] nextFrame = new int[feeds.length];
        long start = System.nanoTime();
        long warmUpTicks = (long) (warmUpSeconds * 1000 / batchMs);
        long ticks = warmUpTicks + (long) (seconds * 1000 / batchMs);
        double worstLag = 0;
        for (long tick = 0; tick < ticks; tick++) {
            if (tick == warmUpTicks) {
                atMeasureStart.read();
            }
            long due = start + tick * period;
            long now = System.nanoTime();
            if (due > now) {
                LockSupport.parkNanos(due - now);
            } else {
                worstLag = Math.max(worstLag, (now - due) / 1e6);
            }
            long lastSampleDue = (tick + 1) * batchMs * rateHz / 1000 - 1;
            for (int r = 0; r < feeds.length; r++) {
                RollerFeed feed = feeds[r];
                int first = nextFrame[r];
                int end = first;
                while (end < feed.frames() && feed.sampleOf[end] <= lastSampleDue) {
                    end++; // other frames (sampleOf -1) go with the samples before them
                }
                if (end == first) {
                    continue;
                }
                ptys.get(r).write(feed.bytes, feed.frameStart[first], feed.frameEnd[end - 1] - feed.frameStart[first]);
                long written = System.nanoTime();
                for (int f = first; f < end; f++) {
                    if (feed.sampleOf[f] >= 0) {
                        writeNanos[r][feed.sampleOf[f]] = written;
                    }
                }
                nextFrame[r] = end;
            }
        }
        writerLagMaxMs = worstLag;
    }

    private void onMessage(String topic, byte[] payload, long arrived) {
        int slash = topic.indexOf('/');
        int second = topic.indexOf('/', slash + 1);
        Integer roller = rollerOfTopicId.get(topic.substring(slash + 1, second));
        if (roller == null) {
            return;
        }
        record(roller, topic.endsWith("/feedback"), new String(payload, StandardCharsets.US_ASCII), arrived, false);
    }

    /** An event from the display's stream (sse thread): {@code device} names the roller as on MQTT. */
    synchronized void onSseMessage(boolean isFeedback, String body, long arrived) {
        int at = body.indexOf("\"device\":\"");
        if (at < 0) {
            return;
        }
        int start = at + 10;
        Integer roller = rollerOfTopicId.get(body.substring(start, Math.max(start, body.indexOf('"', start))));
        if (roller != null) {
            record(roller, isFeedback, body, arrived, true);
        }
    }

    private synchronized void record(int roller, boolean isFeedback, String body, long arrived, boolean sse) {
        double t = JsonScan.number(body, "\"t\":");
        if (isFeedback) {
            long[] seen = sse ? lastSseN : lastN;
            long n = (long) JsonScan.number(body, "\"n\":");
            if (seen[roller] > 0 && n > seen[roller] + 1) {
                if (sse) {
                    sseLost += n - seen[roller] - 1;
                } else {
                    lost += n - seen[roller] - 1;
                }
            }
            seen[roller] = Math.max(seen[roller], n);
        }
        int sample = feeds[roller].sampleAt(t);
        if (sample < 0 || writeNanos[roller][sample] == 0) {
            unmatched++;
            return;
        }
        if (sample < warmUpSamples) {
            return;
        }
        long micros = Math.max(0, (arrived - writeNanos[roller][sample]) / 1000);
        if (sse) {
            (isFeedback ? sseEvents : sseTelemetry).recordValue(Math.min(micros, 59_000_000L));
        } else {
            (isFeedback ? events : telemetry).recordValue(Math.min(micros, 59_000_000L));
            series.add(arrived - measureStartNanos, isFeedback, roller, micros);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private AutoCloseable subscribe(String kind, String brokerUrl) throws Exception {
        return switch (kind) {
            case "socket" -> new SocketMqttClient(brokerUrl, List.of("rollcoach/+/feedback", "rollcoach/+/telemetry"),
                new int[] {1, 0}, this::onMessage);
            case "paho" -> new PahoSubscriber(brokerUrl);
            default -> throw new IllegalArgumentException("--subscriber must be socket, paho or sse, not " + kind);
        };
    }

    /** A plain MQTT 5 subscriber, as a phone app would be; times arrivals on its callback thread. */
    private final class PahoSubscriber implements AutoCloseable {
        private final MqttAsyncClient client;

        PahoSubscriber(String url) throws MqttException {
            client = new MqttAsyncClient(url, "bench-" + UUID.randomUUID(), new MemoryPersistence());
            client.setCallback(new MqttCallback() {
                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    onMessage(topic, message.getPayload(), System.nanoTime());
                }

                @Override
                public void disconnected(MqttDisconnectResponse response) {
                }

                @Override
                public void mqttErrorOccurred(MqttException exception) {
                }

                @Override
                public void deliveryComplete(IMqttToken token) {
                }

                @Override
                public void connectComplete(boolean reconnect, String serverUri) {
                }

                @Override
                public void authPacketArrived(int reasonCode, MqttProperties properties) {
                }
            });
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            client.connect(options).waitForCompletion(10_000);
            client.subscribe(new MqttSubscription[] {new MqttSubscription("rollcoach/+/feedback", 1),
                new MqttSubscription("rollcoach/+/telemetry", 0)}).waitForCompletion(10_000);
        }

        @Override
        public void close() throws MqttException {
            client.disconnect().waitForCompletion(5000);
            client.close();
        }
    }

    /** Reads the gateway's CPU time from /proc at one moment of the run. */
    @FunctionalInterface
    private interface CpuProbe {
        void read() throws IOException;
    }

    static String percentiles(Histogram h) {
        return "p50_us=" + h.getValueAtPercentile(50) + " p99_us=" + h.getValueAtPercentile(99) + " p999_us="
            + h.getValueAtPercentile(99.9) + " max_us=" + h.getMaxValue();
    }

    static long waitFor(long millis) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
        return millis;
    }
}
