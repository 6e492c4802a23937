package io.rollcoach.bench;

/**
 * {@code java -jar bench/target/rollcoach-bench.jar [JMH options]}: runs the JMH benchmarks (all, or those the
 * regular expression names), e.g. {@code EngineBenchmark -f 1 -wi 3 -i 5 -prof gc}. {@code latency ...} runs the
 * end-to-end latency and fault harness instead (see docs/performance.md).
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("latency")) {
            String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
            Class.forName("io.rollcoach.bench.LatencyHarness").getMethod("main", String[].class)
                .invoke(null, (Object) rest);
            return;
        }
        org.openjdk.jmh.Main.main(args);
    }
}
