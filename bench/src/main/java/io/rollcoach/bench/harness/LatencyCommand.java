package io.rollcoach.bench.harness;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code latency}: sample written into a pty → feedback event received by a subscriber, at a set rate. */
@Command(name = "latency", mixinStandardHelpOptions = true,
    description = "Time from a sample's frame written into a pseudo-terminal to a subscriber receiving the feedback "
        + "event it caused (and the telemetry), through a gateway process and a real broker.")
public final class LatencyCommand implements Callable<Integer> {
    @Option(names = "--rate", paramLabel = "HZ", description = "Samples a second (default 1000).")
    int rate = 1000;

    @Option(names = "--seconds", paramLabel = "S",
        description = "Measured seconds after the warm-up (--warm-up, 5 s unless set; default 60).")
    double seconds = 60;

    @Option(names = "--jvm", paramLabel = "FLAGS", split = " ",
        description = "JVM flags for the gateway besides -Xmx128m (default none: the JVM's own defaults), e.g. those "
            + "of dist/rollcoach.service.")
    List<String> jvm = List.of();

    @Option(names = "--relay", paramLabel = "COMMAND", description = "Time this program instead of the gateway: it "
        + "takes the gateway's run arguments and prints 'connected to the MQTT broker' once connected, e.g. "
        + "\"python3 bench/relay/plain_relay.py\" (the baseline in docs/performance.md).")
    String relay;

    @Option(names = "--against-relay", paramLabel = "COMMAND", description = "Time the gateway and this relay in "
        + "turn, one run each a round, for --rounds rounds, and compare the medians of their rounds' event p50s; exits "
        + "1 unless the gateway's is at most the relay's. One run alone is too few events to tell 0.05 ms apart.")
    String againstRelay;

    @Option(names = "--rounds", paramLabel = "N", description = "Rounds for --against-relay (default 3).")
    int rounds = 3;

    @Mixin
    BrokerOptions brokerOptions = new BrokerOptions();

    @Mixin
    GatewayJarOption jar = new GatewayJarOption();

    @Mixin
    FeedOptions feed = new FeedOptions();

    @Override
    public Integer call() throws Exception {
        if (againstRelay != null) {
            return againstRelay();
        }
        try (BrokerOptions.BrokerHandle broker = brokerOptions.broker()) {
            LatencyRun run = LatencyRun.run(launcher(relay), broker.url(), feed, 1, rate, seconds, false, feed.series);
            System.out.println("telemetry samples=" + run.telemetry.getTotalCount() + " "
                + LatencyRun.percentiles(run.telemetry));
            System.out.printf("gateway cpu_pct=%.1f rss_mb=%.0f batch_ms=%d writer_lag_max_ms=%.2f unmatched=%d%n",
                run.gatewayCpuPercent, run.gatewayRssMb, feed.batchMs, run.writerLagMaxMs, run.unmatched);
            System.out.println("latency events=" + run.events.getTotalCount() + " " + LatencyRun.percentiles(run.events)
                + " lost=" + run.lost);
            if (!"sse".equals(feed.subscriber)) {
                return run.lost == 0 && run.events.getTotalCount() > 0 ? 0 : 1;
            }
            // the page's stream, in the same run: its goal is half the MQTT path's median or less
            long sseP50 = run.sseEvents.getValueAtPercentile(50);
            long mqttP50 = run.events.getValueAtPercentile(50);
            System.out.println("sse telemetry samples=" + run.sseTelemetry.getTotalCount() + " "
                + LatencyRun.percentiles(run.sseTelemetry));
            System.out.println("sse latency events=" + run.sseEvents.getTotalCount() + " "
                + LatencyRun.percentiles(run.sseEvents) + " lost=" + run.sseLost);
            boolean ok = run.lost == 0 && run.sseLost == 0 && run.sseEvents.getTotalCount() > 0
                && sseP50 * 2 <= mqttP50;
            System.out.printf("sse_vs_mqtt p50_ratio=%.2f goal=0.50 ok=%b%n", mqttP50 == 0 ? Double.NaN
                : (double) sseP50 / mqttP50, ok);
            return ok ? 0 : 1;
        }
    }

    /** Gateway and relay in turn, so a machine that drifts during the rounds drifts for both. */
    private int againstRelay() throws Exception {
        if (relay != null || feed.series != null || rounds < 1 || "sse".equals(feed.subscriber)) {
            throw new IllegalArgumentException("--against-relay takes neither --relay, --series nor --subscriber sse, "
                + "and --rounds of 1 or more");
        }
        long[][] eventP50 = new long[2][rounds];
        long[][] telemetryP50 = new long[2][rounds];
        boolean lost = false;
        try (BrokerOptions.BrokerHandle broker = brokerOptions.broker()) {
            for (int round = 0; round < rounds; round++) {
                for (int who = 0; who < 2; who++) {
                    LatencyRun run = LatencyRun.run(launcher(who == 0 ? null : againstRelay), broker.url(), feed, 1,
                        rate, seconds, false, null);
                    eventP50[who][round] = run.events.getValueAtPercentile(50);
                    telemetryP50[who][round] = run.telemetry.getValueAtPercentile(50);
                    lost |= run.lost > 0 || run.events.getTotalCount() == 0;
                    System.out.printf("round %d %s events=%d event_p50_us=%d telemetry_p50_us=%d lost=%d%n", round + 1,
                        who == 0 ? "gateway" : "relay", run.events.getTotalCount(), eventP50[who][round],
                        telemetryP50[who][round], run.lost);
                }
            }
        }
        int won = 0;
        for (int round = 0; round < rounds; round++) {
            won += eventP50[0][round] <= eventP50[1][round] ? 1 : 0;
        }
        long gateway = median(eventP50[0]);
        long relayP50 = median(eventP50[1]);
        boolean ok = !lost && gateway <= relayP50;
        System.out.printf("gateway_vs_relay rounds=%d event_p50_us gateway=%d relay=%d telemetry_p50_us gateway=%d "
            + "relay=%d event_rounds_won=%d ok=%b%n", rounds, gateway, relayP50, median(telemetryP50[0]),
            median(telemetryP50[1]), won, ok);
        return ok ? 0 : 1;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private List<String> launcher(String relayCommand) throws IOException {
        if (relayCommand != null) {
            return List.of(relayCommand.trim().split("\\s+"));
        }
        List<String> flags = new ArrayList<>(List.of("-Xmx128m"));
        flags.addAll(jvm);
        return GatewayProcess.javaCommand(jar.gatewayJar, flags);
    }
}
