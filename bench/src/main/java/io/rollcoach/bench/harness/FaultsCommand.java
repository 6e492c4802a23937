package io.rollcoach.bench.harness;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code faults}: placeholder until written. */
@Command(name = "faults", mixinStandardHelpOptions = true, description = "Faults during a session.")
public final class FaultsCommand implements Callable<Integer> {
    @Option(names = "--seconds", description = "Bound (default 120).")
    double seconds = 120;

    @Override
    public Integer call() {
        return 1;
    }
}
