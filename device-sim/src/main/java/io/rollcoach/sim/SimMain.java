package io.rollcoach.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.rollcoach.sim.output.FrameOutput;
import io.rollcoach.sim.output.GatewayBytes;
import io.rollcoach.sim.output.SerialOutput;
import io.rollcoach.sim.output.StreamOutput;
import io.rollcoach.sim.output.TcpOutput;
import io.rollcoach.sim.scenario.Scenario;
import io.rollcoach.sim.scenario.ScenarioLibrary;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rollcoach-sim}: a simulated roller speaking protocol v1, for running RollCoach without hardware. */
@Command(name = "rollcoach-sim", mixinStandardHelpOptions = true, version = "rollcoach-sim 0.1.0",
    description = "Plays a rolling scenario as a sensor-equipped foam roller would send it (protocol v1).",
    footer = {"", "Example: rollcoach-sim --scenario good-technique --port /dev/pts/4"})
public final class SimMain implements Callable<Integer> {
    @Option(names = "--scenario", defaultValue = "good-technique", paramLabel = "NAME|FILE",
        description = "A built-in scenario (see --list) or a scenario YAML file. Default: ${DEFAULT-VALUE}.")
    String scenario;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Target target;

    static final class Target {
        @Option(names = "--port", paramLabel = "PATH", description = "Write to a serial port or pseudo-terminal.")
        String port;
        @Option(names = "--tcp", paramLabel = "HOST:PORT", description = "Write to a TCP socket.")
        String tcp;
        @Option(names = "--out", paramLabel = "FILE", description = "Write a capture file (raw bytes).")
        Path out;
        @Option(names = "--stdout", description = "Write raw bytes to standard output.")
        boolean stdout;
    }

    @Option(names = "--list", description = "List the built-in scenarios and exit.")
    boolean list;
    @Option(names = "--baud", defaultValue = "115200", description = "Serial baud rate. Default: ${DEFAULT-VALUE}.")
    int baud;
    @Option(names = "--rate", defaultValue = "100", paramLabel = "HZ",
        description = "Samples a second. Default: ${DEFAULT-VALUE}.")
    int rateHz;
    @Option(names = "--speed", defaultValue = "1", paramLabel = "X",
        description = "1 real time, 10 ten times faster, 0 as fast as possible. Default: ${DEFAULT-VALUE}.")
    double speed;
    @Option(names = "--seed", defaultValue = "1",
        description = "Random seed: the same seed gives the same bytes. Default: ${DEFAULT-VALUE}.")
    long seed;
    @Option(names = "--radius", defaultValue = "75", paramLabel = "MM",
        description = "Roller radius in mm. Default: ${DEFAULT-VALUE}.")
    double radiusMm;
    @Option(names = "--body-weight", defaultValue = "75", paramLabel = "KG",
        description = "The simulated person's weight. Default: ${DEFAULT-VALUE}.")
    double bodyWeightKg;
    @Option(names = "--corrupt", paramLabel = "RATE",
        description = "Fraction of bytes to corrupt (0..0.5); default: the scenario's.")
    Double corruptRate;
    @Option(names = "--drop", paramLabel = "RATE",
        description = "Fraction of frames to drop (0..0.5); default: the scenario's.")
    Double dropRate;
    @Option(names = "--no-hello", description = "Send no HELLO, as if the gateway joined mid-stream.")
    boolean noHello;
    @Option(names = "--clock-start", defaultValue = "0", paramLabel = "US",
        description = "Roller clock at the first sample, µs (4294000000 wraps within a second). "
            + "Default: ${DEFAULT-VALUE}.")
    long clockStartUs;
    @Option(names = "--device-id", defaultValue = "00c0ffee00000001", paramLabel = "HEX",
        description = "The roller's device id, 16 hex digits. Default: ${DEFAULT-VALUE}.")
    String deviceIdHex;
    @Option(names = "--loop", description = "Play the scenario again and again until stopped.")
    boolean loop;

    @Option(names = "--trail", paramLabel = "S", description = "Seconds of unloaded samples after the scenario, as a "
        + "roller goes on sending when nobody is on it (not written into --out files, which hold exactly the "
        + "scenario). Default: ${DEFAULT-VALUE}.", defaultValue = "1")
    double trailSeconds;

    private volatile Pacer current;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimMain()).execute(args));
    }

    @Override
    public Integer call() {
        if (list) {
            for (String name : ScenarioLibrary.names()) {
                Scenario s = ScenarioLibrary.load(name);
                System.out.printf("%-18s %5.0f s  %s%n", name, s.durationSeconds(), s.description().trim());
            }
            return 0;
        }
        Scenario loaded;
        SimOptions options;
        try {
            if (!(speed >= 0)) { // checked here so it is a usage error, not a stack trace once the output is open
                throw new IllegalArgumentException("--speed must be 0 (as fast as possible) or more, was " + speed);
            }
            loaded = ScenarioLibrary.load(scenario);
            options = new SimOptions(seed, rateHz, radiusMm, bodyWeightKg, Long.parseUnsignedLong(deviceIdHex, 16),
                corruptRate == null ? Double.NaN : corruptRate, dropRate == null ? Double.NaN : dropRate,
                !noHello, clockStartUs);
        } catch (IllegalArgumentException e) { // ScenarioException included
            System.err.println("rollcoach-sim: " + e.getMessage());
            return 2;
        }
        double trail = target != null && target.out != null ? 0 : trailSeconds;
        RollerSimulator[] simulator = {new RollerSimulator(loaded, options).trailUnloaded(trail)};
        try (FrameOutput output = open((src, off, len) -> simulator[0].onGatewayBytes(src, off, len))) {
            System.err.println("sim: playing " + loaded.name() + " (" + Math.round(loaded.durationSeconds()) + " s at "
                + rateHz + " Hz) to " + output.describe()
                + (speed == 0 ? " as fast as possible" : " at speed " + speed));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                Pacer pacer = current;
                if (pacer != null) {
                    pacer.stop();
                }
            }));
            long frames = 0;
            int round = 0;
            do {
                if (round > 0) {
                    simulator[0] = new RollerSimulator(loaded, options.withSeed(seed + round).withSendHello(false))
                        .trailUnloaded(trail);
                }
                current = new Pacer(simulator[0], output, speed);
                frames += current.run();
                round++;
            } while (loop && !Thread.currentThread().isInterrupted());
            System.err.println("sim: done, " + frames + " frames");
            return 0;
        } catch (IOException e) {
            System.err.println("rollcoach-sim: " + e.getMessage());
            return 1;
        }
    }

    private FrameOutput open(GatewayBytes fromGateway) throws IOException {
        if (target == null || target.stdout) {
            return StreamOutput.stdout();
        }
        if (target.port != null) {
            return new SerialOutput(target.port, baud, fromGateway);
        }
        if (target.tcp != null) {
            return new TcpOutput(target.tcp, fromGateway);
        }
        return StreamOutput.file(target.out);
    }
}
