package io.rollcoach.bench.harness;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code floor}: the broker leg alone, with no gateway: one thread publishes a small message at a set rate, another
 * receives it, both in this process on their own sockets. What {@code latency} measures can not be lower than this on
 * the same machine and broker.
 */
@Command(name = "floor", mixinStandardHelpOptions = true,
    description = "Publish → broker → subscriber time for one small QoS 0 message at a set rate, no gateway: the "
        + "floor under the latency figure on this machine and broker.")
public final class FloorCommand implements Callable<Integer> {
    private static final String TOPIC = "rollcoach/bench-floor/ping";

    @Option(names = "--rate", paramLabel = "HZ", description = "Messages a second (default 20, the telemetry rate).")
    int rate = 20;

    @Option(names = "--seconds", paramLabel = "S", description = "Measured seconds after a 2 s warm-up (default 30).")
    double seconds = 30;

    @Mixin
    HarnessOptions options = new HarnessOptions();

    @Override
    public Integer call() throws Exception {
        if (rate < 1 || rate > 100_000) {
            throw new IllegalArgumentException("--rate must be 1 to 100000, was " + rate);
        }
        Histogram latency = new Histogram(60_000_000L, 3);
        long warmUpEnds = System.nanoTime() + 2_000_000_000L;
        long[] received = {0};
        try (HarnessOptions.BrokerHandle broker = options.broker();
             SocketMqttClient subscriber = new SocketMqttClient(broker.url(), List.of(TOPIC), new int[] {0},
                 (topic, payload, arrived) -> {
                     long sent = Long.parseLong(new String(payload, StandardCharsets.US_ASCII));
                     synchronized (latency) {
                         received[0]++;
                         if (sent >= warmUpEnds) {
                             latency.recordValue(Math.min((arrived - sent) / 1000, 59_000_000L));
                         }
                     }
                 });
             SocketMqttClient publisher = new SocketMqttClient(broker.url(), List.of(), new int[0], null)) {
            long period = 1_000_000_000L / rate;
            long start = System.nanoTime();
            long messages = (long) ((seconds + 2) * rate);
            for (long i = 0; i < messages; i++) {
                long due = start + i * period;
                long now = System.nanoTime();
                if (due > now) {
                    LockSupport.parkNanos(due - now);
                }
                publisher.publish(TOPIC, Long.toString(System.nanoTime()).getBytes(StandardCharsets.US_ASCII));
            }
            Thread.sleep(500); // the last ones arrive
            synchronized (latency) {
                long lost = messages - received[0];
                System.out.println("floor rate=" + rate + " messages=" + latency.getTotalCount() + " "
                    + LatencyRun.percentiles(latency) + " lost=" + lost);
                return lost == 0 ? 0 : 1;
            }
        }
    }
}
