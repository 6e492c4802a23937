package io.rollcoach.bench;

/**
 * {@code rollcoach-bench.jar}: runs JMH with the arguments as given, e.g.
 * {@code java -jar bench/target/rollcoach-bench.jar DecoderBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s -prof gc};
 * {@code -h} lists JMH's options, {@code -l} the benchmarks.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args);
    }
}
