package io.rollcoach.bench;

import io.rollcoach.bench.harness.FaultsCommand;
import io.rollcoach.bench.harness.LatencyCommand;
import io.rollcoach.bench.harness.MemoryCommand;
import io.rollcoach.bench.harness.ScaleCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar bench/target/rollcoach-bench.jar <latency|scale|memory|faults|jmh> [options]}: the measurement
 * harness and the JMH benchmarks. A first argument that is not a subcommand goes to JMH, so
 * {@code rollcoach-bench.jar EngineBenchmark -prof gc} works as well.
 */
@Command(name = "rollcoach-bench", mixinStandardHelpOptions = true,
    description = "RollCoach's benchmarks: latency, scale, memory and faults against a gateway process, and JMH.",
    subcommands = {LatencyCommand.class, ScaleCommand.class, MemoryCommand.class, FaultsCommand.class,
        BenchMain.Jmh.class})
public final class BenchMain implements Runnable {
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && !args[0].startsWith("-")
            && !java.util.List.of("latency", "scale", "memory", "faults", "jmh", "help").contains(args[0])) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    /** {@code jmh [JMH options]}: the JMH benchmarks (decoder, engine, event encoding). */
    @Command(name = "jmh", description = "Run the JMH benchmarks; every argument goes to JMH (e.g. -prof gc).")
    static final class Jmh implements Runnable {
        @CommandLine.Parameters(arity = "0..*", description = "JMH options.")
        String[] args = new String[0];

        @Override
        public void run() {
            try {
                org.openjdk.jmh.Main.main(args);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
