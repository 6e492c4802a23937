package io.rollcoach.bench.harness;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;

import javax.net.SocketFactory;

import io.rollcoach.gateway.mqtt.NoDelaySocketFactory;
import org.HdrHistogram.Histogram;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code floor}: one leg of the latency path alone, with no gateway. {@code --leg broker}: one thread publishes a small
 * message at a set rate (itself, through a writer thread, or through Paho), another receives it, both in this process
 * on their own sockets. {@code --leg pty}: a roller-sized frame written into one socat pseudo-terminal and read from
 * the other, as the gateway's serial reader would. What {@code latency} measures can not be lower than the two together
 * on the same machine and broker.
 */
@Command(name = "floor", mixinStandardHelpOptions = true,
    description = "One leg of the latency path alone, no gateway: publish → broker → subscriber for one small "
        + "message (--leg broker), or one 19-byte frame through a socat pseudo-terminal pair (--leg pty), at a set "
        + "rate: the floor under the latency figure on this machine.")
public final class FloorCommand implements Callable<Integer> {
    private static final String TOPIC = "rollcoach/bench-floor/ping";
    /** A SAMPLE frame's size on the wire: the pty leg moves as many bytes as the roller does. */
    private static final int FRAME_BYTES = 19;

    enum Leg { broker, pty }

    /**
     * Who publishes on the broker leg: the harness's socket client on the pacing thread; the same client on a writer
     * thread the pacing thread hands each message to (one hand-off, as a publisher thread of one's own costs); or
     * Paho's Java client, as the gateway publishes.
     */
    enum Publisher { socket, handoff, paho }

    @Option(names = "--leg", paramLabel = "broker|pty", description = "Which leg (default broker).")
    Leg leg = Leg.broker;

    @Option(names = "--rate", paramLabel = "HZ", description = "Messages a second (default 20, the telemetry rate).")
    int rate = 20;

    @Option(names = "--seconds", paramLabel = "S", description = "Measured seconds after a 2 s warm-up (default 30).")
    double seconds = 30;

    @Option(names = "--publisher", paramLabel = "socket|handoff|paho", description = "Broker leg: publish with the "
        + "harness's socket client, written on the pacing thread (default); the same, handed to a writer thread first "
        + "(handoff); or Paho's Java client (MQTT 5, TCP_NODELAY), which hands each message to its sender thread and "
        + "each completion to its callback thread.")
    Publisher publisher = Publisher.socket;

    @Option(names = "--qos", paramLabel = "0|1", description = "Broker leg: the QoS published at (default 0); the "
        + "subscriber takes QoS 0, so only the publisher's side differs.")
    int qos;

    @Mixin
    BrokerOptions brokerOptions = new BrokerOptions();

    private final Histogram latency = new Histogram(60_000_000L, 3);
    private long warmUpEnds;
    private long received;

    @Override
    public Integer call() throws Exception {
        if (rate < 1 || rate > 100_000) {
            throw new IllegalArgumentException("--rate must be 1 to 100000, was " + rate);
        }
        warmUpEnds = System.nanoTime() + 2_000_000_000L;
        long messages = (long) ((seconds + 2) * rate);
        if (leg == Leg.broker) {
            runBroker(messages);
        } else {
            runPty(messages);
        }
        synchronized (latency) {
            long lost = messages - received;
            System.out.println("floor leg=" + leg + (leg == Leg.broker ? " publisher=" + publisher + " qos=" + qos : "")
                + " rate=" + rate + " messages=" + latency.getTotalCount() + " "
                + LatencyRun.percentiles(latency) + " lost=" + lost);
            return lost == 0 ? 0 : 1;
        }
    }

    private void runBroker(long messages) throws Exception {
        if (qos != 0 && qos != 1) {
            throw new IllegalArgumentException("--qos must be 0 or 1, was " + qos);
        }
        try (BrokerOptions.BrokerHandle broker = brokerOptions.broker();
             SocketMqttClient subscriber = new SocketMqttClient(broker.url(), List.of(TOPIC), new int[] {0},
                 (topic, payload, arrived) -> record(
                     Long.parseLong(new String(payload, StandardCharsets.US_ASCII)), arrived))) {
            if (publisher == Publisher.handoff) {
                try (SocketMqttClient client = new SocketMqttClient(broker.url(), List.of(), new int[0], null)) {
                    BlockingQueue<byte[]> handedOver = new LinkedBlockingQueue<>();
                    Thread writer = new Thread(() -> {
                        try {
                            while (!Thread.currentThread().isInterrupted()) {
                                client.publish(TOPIC, handedOver.take(), qos);
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt(); // the run is over
                        } catch (IOException e) {
                            System.err.println("floor: the writer stopped: " + e.getMessage()); // counted as lost
                        }
                    }, "floor-writer");
                    writer.setDaemon(true);
                    writer.start();
                    paced(messages, () -> handedOver.add(now()));
                    Thread.sleep(500);
                    writer.interrupt();
                }
            } else if (publisher == Publisher.socket) {
                try (SocketMqttClient client = new SocketMqttClient(broker.url(), List.of(), new int[0], null)) {
                    paced(messages, () -> client.publish(TOPIC, now(), qos));
                    Thread.sleep(500); // the last ones arrive
                }
            } else {
                MqttAsyncClient client = new MqttAsyncClient(broker.url(), "bench-floor-" + System.nanoTime(),
                    new MemoryPersistence());
                MqttConnectionOptions options = new MqttConnectionOptions();
                options.setCleanStart(true);
                options.setSocketFactory(new NoDelaySocketFactory(SocketFactory.getDefault())); // as the gateway's
                client.connect(options).waitForCompletion(10_000);
                try {
                    paced(messages, () -> {
                        try {
                            client.publish(TOPIC, new MqttMessage(now(), qos, false, null));
                        } catch (MqttException e) {
                            throw new IOException("Paho would not publish: " + e.getMessage(), e);
                        }
                    });
                    Thread.sleep(500);
                } finally {
                    client.disconnect().waitForCompletion(5000);
                    client.close();
                }
            }
        }
    }

    private static byte[] now() {
        return Long.toString(System.nanoTime()).getBytes(StandardCharsets.US_ASCII);
    }

    private void runPty(long messages) throws Exception {
        PtyPair pty = new PtyPair("floor");
        try (InputStream in = new FileInputStream(pty.gatewayEnd())) {
            Thread reader = new Thread(() -> readFrames(in, messages), "floor-pty-reader");
            reader.setDaemon(true);
            reader.start();
            byte[] frame = new byte[FRAME_BYTES];
            paced(messages, () -> {
                putLong(frame, System.nanoTime());
                pty.write(frame, 0, FRAME_BYTES);
            });
            reader.join(2000);
        } finally {
            pty.close();
        }
    }

    /** Stamps a frame as its last byte is read, like the gateway's reader. */
    private void readFrames(InputStream in, long messages) {
        byte[] frame = new byte[FRAME_BYTES];
        int filled = 0;
        try {
            for (long n = 0; n < messages; ) {
                int read = in.read(frame, filled, FRAME_BYTES - filled);
                if (read < 0) {
                    return;
                }
                filled += read;
                if (filled == FRAME_BYTES) {
                    record(getLong(frame), System.nanoTime());
                    filled = 0;
                    n++;
                }
            }
        } catch (IOException e) {
            System.err.println("floor: the pty reader stopped: " + e.getMessage());
        }
    }

    private void record(long sent, long arrived) {
        synchronized (latency) {
            received++;
            if (sent >= warmUpEnds) {
                latency.recordValue(Math.min((arrived - sent) / 1000, 59_000_000L));
            }
        }
    }

    private void paced(long messages, Send send) throws IOException {
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (long i = 0; i < messages; i++) {
            long due = start + i * period;
            long now = System.nanoTime();
            if (due > now) {
                LockSupport.parkNanos(due - now);
            }
            send.run();
        }
    }

    /** Sends one message, stamped as it goes. */
    private interface Send {
        void run() throws IOException;
    }

    private static void putLong(byte[] b, long v) {
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
    }

    private static long getLong(byte[] b) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }
}
