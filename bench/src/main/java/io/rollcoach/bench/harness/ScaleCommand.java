package io.rollcoach.bench.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code scale}: the latency run with several rollers on one gateway; CPU per roller; a plot. */
@Command(name = "scale", mixinStandardHelpOptions = true,
    description = "Several rollers at once on one gateway process, each on its own pseudo-terminal: event latency "
        + "percentiles and gateway CPU by roller count, plotted to OUT/scale.png.")
public final class ScaleCommand implements Callable<Integer> {
    @Option(names = "--rollers", split = ",", paramLabel = "N,N,..", description = "Roller counts (default 1,4,16,32).")
    List<Integer> rollers = List.of(1, 4, 16, 32);

    @Option(names = "--rate", paramLabel = "HZ", description = "Samples a second per roller (default 1000).")
    int rate = 1000;

    @Option(names = "--seconds", paramLabel = "S", description = "Measured seconds per count (default 30).")
    double seconds = 30;

    @Option(names = "--lockstep", description = "Every roller plays the scenario from the same instant, so all their "
        + "feedback events fall in the same millisecond and queue behind each other (the worst case). By default "
        + "roller i of n starts 2 s × i / n later, as people rolling side by side would not all err at once.")
    boolean lockstep;

    @Option(names = "--out", paramLabel = "DIR",
        description = "Where the plot goes (default target/bench; give docs to update the published one).")
    Path out = Path.of("target", "bench");

    @Mixin
    BrokerOptions brokerOptions = new BrokerOptions();

    @Mixin
    GatewayJarOption jar = new GatewayJarOption();

    @Mixin
    FeedOptions feed = new FeedOptions();

    @Override
    public Integer call() throws Exception {
        List<double[]> rows = new ArrayList<>();
        String last = "";
        long lostTotal = 0;
        try (BrokerOptions.BrokerHandle broker = brokerOptions.broker()) {
            for (int count : rollers) {
                LatencyRun run = LatencyRun.run(GatewayProcess.javaCommand(jar.gatewayJar, List.of("-Xmx128m")),
                    broker.url(), feed, count, rate, seconds, lockstep, feed.seriesFile(count + "-rollers"));
                rows.add(new double[] {count, run.events.getValueAtPercentile(50), run.events.getValueAtPercentile(99),
                    run.events.getValueAtPercentile(99.9), run.gatewayCpuPercent});
                lostTotal += run.lost;
                last = String.format("scale rollers=%d p99_us=%d cpu_pct=%.1f lost=%d", count,
                    run.events.getValueAtPercentile(99), run.gatewayCpuPercent, run.lost);
                System.out.printf("rollers=%d events=%d p50_us=%d p99_us=%d p999_us=%d max_us=%d cpu_pct=%.1f "
                        + "cpu_pct_per_roller=%.2f rss_mb=%.0f batch_ms=%d lockstep=%b writer_lag_max_ms=%.2f "
                        + "lost=%d%n",
                    count,
                    run.events.getTotalCount(), run.events.getValueAtPercentile(50),
                    run.events.getValueAtPercentile(99),
                    run.events.getValueAtPercentile(99.9), run.events.getMaxValue(), run.gatewayCpuPercent,
                    run.gatewayCpuPercent / count, run.gatewayRssMb, feed.batchMs, lockstep, run.writerLagMaxMs,
                    run.lost);
            }
        }
        Files.createDirectories(out);
        Plot.latencyByRollers(rows, out.resolve("scale.png"), rate);
        System.out.println("plot: " + out.resolve("scale.png"));
        System.out.println(last);
        return lostTotal == 0 ? 0 : 1;
    }
}
