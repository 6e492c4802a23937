package io.rollcoach.bench.harness;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code memory}: a gateway with a small heap through back-to-back sessions; heap after GC and resident size. */
@Command(name = "memory", mixinStandardHelpOptions = true,
    description = "Run a gateway process with a small heap through back-to-back simulated sessions (display, "
        + "history and MQTT on); report the heap after each GC and the resident size; ok when the heap stays flat.")
public final class MemoryCommand implements Callable<Integer> {
    private static final Pattern GC_LINE = Pattern.compile("Pause.*?(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    @Option(names = "--seconds", paramLabel = "S", description = "How long (default 600).")
    double seconds = 600;

    @Option(names = "--xmx", paramLabel = "SIZE",
        description = "The gateway's heap limit (default 48m, as dist/rollcoach.service).")
    String xmx = "48m";

    @Option(names = "--rollers", paramLabel = "N", description = "Simulated rollers (default 1).")
    int rollers = 1;

    @Option(names = "--speed", paramLabel = "X", description = "How much faster than real time they roll (default 20).")
    double speed = 20;

    @Option(names = "--jvm", paramLabel = "FLAGS", split = " ",
        description = "JVM flags for the gateway besides -Xmx (default: those of dist/rollcoach.service).")
    List<String> jvm = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:CompileThresholdScaling=0.05",
        "-XX:ReservedCodeCacheSize=32m", "-XX:MaxMetaspaceSize=64m", "-Xss512k");

    @Option(names = "--own-broker", description = "The gateway starts its own broker (HiveMQ, in its process), as the "
        + "service does without an mqtt section, instead of publishing to --broker.")
    boolean ownBroker;

    @Mixin
    BrokerOptions brokerOptions = new BrokerOptions();

    @Mixin
    GatewayJarOption jar = new GatewayJarOption();

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("rollcoach-memory-");
        Path gcLog = dir.resolve("gc.log");
        try (BrokerOptions.BrokerHandle broker = ownBroker ? null : brokerOptions.broker()) {
            StringBuilder config = new StringBuilder("gateway: {id: memory}\ninputs:\n");
            for (int i = 0; i < rollers; i++) {
                config.append("  - {simulate: full-session, speed: ").append(speed).append(", loop: true}\n");
            }
            config.append("display: {port: 0}\nstorage: {dir: ").append(dir).append("}\n");
            if (ownBroker) {
                try (ServerSocket probe = new ServerSocket(0)) {
                    config.append("broker: {port: ").append(probe.getLocalPort()).append(", bindAddress: 127.0.0.1}\n");
                }
            } else {
                config.append("mqtt: {url: ").append(broker.url()).append("}\n");
            }
            Files.writeString(dir.resolve("memory.yaml"), config);
            List<Double> rss = new ArrayList<>();
            boolean alive;
            List<String> flags = new ArrayList<>(jvm);
            flags.add("-Xmx" + xmx);
            flags.add("-Xlog:gc:file=" + gcLog);
            try (GatewayProcess gateway = new GatewayProcess(jar.gatewayJar, flags,
                List.of("run", "--config", dir.resolve("memory.yaml").toString()))) {
                gateway.awaitLine("connected to the MQTT broker", 60);
                long end = System.nanoTime() + (long) (seconds * 1e9);
                while (System.nanoTime() < end && gateway.alive()) {
                    Thread.sleep(5000);
                    if (gateway.alive()) {
                        rss.add(gateway.rssMb());
                    }
                }
                alive = gateway.alive();
                boolean oom = gateway.output().stream().anyMatch(l -> l.contains("OutOfMemoryError"));
                alive &= !oom;
            }
            List<Double> afterGc = new ArrayList<>();
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = GC_LINE.matcher(line);
                if (m.find()) {
                    afterGc.add(Double.parseDouble(m.group(2)));
                }
            }
            double growth = growth(afterGc);
            double rssMax = rss.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            double rssLast = rss.isEmpty() ? Double.NaN : rss.get(rss.size() - 1);
            boolean ok = alive && growth < 10;
            System.out.printf("gc pauses=%d heap_after_gc_mb first_third=%.1f middle_third=%.1f last_third=%.1f "
                + "rss_mb max=%.0f jvm=%s%n", afterGc.size(), third(afterGc, 0), third(afterGc, 1), third(afterGc, 2),
                rssMax, flags);
            System.out.printf("memory xmx=%s rss_mb=%.0f heap_after_gc_growth_pct=%.1f ok=%b%n",
                xmx, rssLast, growth, ok);
            return ok ? 0 : 1;
        }
    }

    /** Mean heap after GC in the last third against the middle third (the first is warm-up), percent. */
    private static double growth(List<Double> afterGc) {
        if (afterGc.size() < 6) {
            return 0;
        }
        return 100 * (third(afterGc, 2) - third(afterGc, 1)) / third(afterGc, 1);
    }

    private static double third(List<Double> values, int which) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        int size = values.size() / 3;
        List<Double> part = values.subList(which * size, which == 2 ? values.size() : (which + 1) * size);
        return part.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
