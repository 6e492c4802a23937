package io.rollcoach.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import io.rollcoach.bench.harness.FaultsCommand;
import io.rollcoach.bench.harness.FloorCommand;
import io.rollcoach.bench.harness.LatencyCommand;
import io.rollcoach.bench.harness.MemoryCommand;
import io.rollcoach.bench.harness.ScaleCommand;
import io.rollcoach.bench.harness.StartupCommand;

/**
 * {@code java -jar bench/target/rollcoach-bench.jar <floor|latency|startup|scale|memory|faults|jmh> [options]}:
 * the measurement harness and the JMH benchmarks. A first argument that is not a subcommand goes to JMH, so
 * {@code rollcoach-bench.jar EngineBenchmark -prof gc} works as well.
 */
@Command(name = "rollcoach-bench", mixinStandardHelpOptions = true,
    description = "RollCoach's benchmarks: latency, startup, scale, memory and faults against a gateway process, "
        + "and JMH (the display page's CPU in a browser is bench-display's jar).",
    subcommands = {FloorCommand.class, LatencyCommand.class, StartupCommand.class, ScaleCommand.class,
        MemoryCommand.class, FaultsCommand.class, BenchMain.Jmh.class})
public final class BenchMain implements Runnable {
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("display")) {
            String options = String.join(" ", List.of(args).subList(1, args.length));
            System.err.println("rollcoach-bench display: the display bench has a jar of its own (it needs Selenium): "
                + "java -jar bench-display/target/rollcoach-bench-display.jar " + options);
            System.exit(2);
        }
        if (args.length > 0 && !args[0].startsWith("-")
            && !List.of("floor", "latency", "startup", "scale", "memory", "faults", "jmh", "help").contains(args[0])) {
            List<String> jmh = new ArrayList<>(List.of("jmh"));
            jmh.addAll(List.of(args));
            args = jmh.toArray(String[]::new); // a benchmark name first: it is for JMH
        }
        System.exit(new CommandLine(new BenchMain()).setExecutionExceptionHandler(BenchMain::explain).execute(args));
    }

    /**
     * A bad option value or a missing tool or broker is the user's to mend: one line saying what and where, exit 2
     * (1 for I/O). Anything else is ours: the whole stack trace.
     */
    private static int explain(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        String where = "rollcoach-bench " + command.getCommandName() + ": ";
        if (e instanceof IllegalArgumentException) {
            command.getErr().println(where + e.getMessage());
            return 2;
        }
        if (e instanceof IOException) {
            Throwable cause = e.getCause();
            command.getErr().println(where + e.getMessage() + (cause == null ? "" : " (" + cause.getMessage() + ")"));
            return 1;
        }
        e.printStackTrace(command.getErr());
        return 1;
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    /**
     * {@code jmh [JMH options]}: the JMH benchmarks (decoder, engine, event encoding, Paho's per-message token), then a
     * throughput plot.
     */
    @Command(name = "jmh", description = "Run the JMH benchmarks; every other argument goes to JMH (e.g. -prof gc). "
        + "Throughput of each benchmark that measures one is plotted to OUT/throughput.png.")
    static final class Jmh implements Callable<Integer> {
        @CommandLine.Option(names = "--out", paramLabel = "DIR",
            description = "Where the plot goes (default target/bench; give docs to update the published one).")
        Path out = Path.of("target", "bench");

        @CommandLine.Unmatched
        List<String> jmhArgs = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            List<String> args = new ArrayList<>(jmhArgs);
            args.replaceAll(arg -> arg.equals("--help") ? "-h" : arg); // JMH's own help, not a stack trace
            CommandLineOptions options;
            try {
                options = new CommandLineOptions(args.toArray(String[]::new));
            } catch (CommandLineOptionException e) {
                System.err.println("rollcoach-bench jmh: " + e.getMessage() + " (jmh -h lists JMH's options)");
                return 2;
            }
            if (options.shouldHelp()) {
                options.showHelp();
                return 0;
            }
            Runner runner = new Runner(options);
            if (options.shouldList() || options.shouldListWithParams()) {
                runner.list(); // what JMH's own main does for -l and -lp
                return 0;
            }
            if (options.shouldListProfilers()) {
                options.listProfilers();
                return 0;
            }
            Collection<RunResult> results = runner.run();
            if (results.isEmpty()) {
                return 0; // a pattern that matched nothing
            }
            Files.createDirectories(out);
            Path plot = out.resolve("throughput.png");
            ThroughputPlot.draw(results, plot);
            System.out.println("plot: " + plot);
            return 0;
        }
    }
}
