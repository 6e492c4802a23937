package io.rollcoach.bench.harness;

import java.io.IOException;
import java.util.ArrayList;
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

    @Mixin
    BrokerOptions brokerOptions = new BrokerOptions();

    @Mixin
    GatewayJarOption jar = new GatewayJarOption();

    @Mixin
    FeedOptions feed = new FeedOptions();

    @Override
    public Integer call() throws Exception {
        try (BrokerOptions.BrokerHandle broker = brokerOptions.broker()) {
            LatencyRun run = LatencyRun.run(launcher(), broker.url(), feed, 1, rate, seconds, false, feed.series);
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

    private List<String> launcher() throws IOException {
        if (relay != null) {
            return List.of(relay.trim().split("\\s+"));
        }
        List<String> flags = new ArrayList<>(List.of("-Xmx128m"));
        flags.addAll(jvm);
        return GatewayProcess.javaCommand(jar.gatewayJar, flags);
    }
}
