package io.rollcoach.bench.harness;

import picocli.CommandLine;

/**
 * {@code java -jar bench-display/target/rollcoach-bench-display.jar [options]}: the display bench on its own, so
 * Selenium (about a third of a bench jar) stays out of the JMH and harness jar.
 */
public final class DisplayBenchMain {
    private DisplayBenchMain() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new DisplayCommand()).execute(args));
    }
}
