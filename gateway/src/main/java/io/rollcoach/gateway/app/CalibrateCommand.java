package io.rollcoach.gateway.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

import com.pi4j.provider.exception.ProviderException;
import io.rollcoach.gateway.config.ConfigFileEditor;
import io.rollcoach.gateway.gpio.ForceCalibration;
import io.rollcoach.gateway.gpio.ForceSensor;
import io.rollcoach.gateway.config.GpioInputConfig;
import io.rollcoach.gateway.config.GpioInputConfig.ForceConfig;
import io.rollcoach.gateway.service.WiredInputUnsupportedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rollcoach calibrate --config FILE}: the dialogue that walks the person through calibrating a header-wired
 * force sensor (an empty roller, then a known weight; {@link ForceCalibration} weighs and computes) and has
 * {@link ConfigFileEditor} write the offset and scale into the config file, or prints them to paste.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
    description = "Calibrate the force sensor of a gpio input: read it empty, then with a known weight, and write "
        + "gpio.force.offset and gpio.force.scale into the config file (the old file is kept as FILE.bak). When the "
        + "file cannot be edited safely it is left alone and the lines to paste are printed.")
final class CalibrateCommand implements Callable<Integer> {
    static final int EXIT_BAD_INPUT = 2;
    static final int EXIT_NOT_WRITTEN = 3;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The YAML config with the input.")
    Path config;

    @Option(names = "--input", paramLabel = "NAME", description = "The gpio input's name (default: the only one).")
    String input;

    @Option(names = "--samples", defaultValue = "50",
        description = "Readings averaged per step (default ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--interval-ms", defaultValue = "20",
        description = "Time between readings (default ${DEFAULT-VALUE}).")
    long intervalMs;

    /** Opens the sensor; on a Pi through Pi4J's auto-detected platform, in tests a mock. */
    Function<ForceConfig, ForceSensor> sensors = ForceCalibration::openOnThePi;
    InputStream in = System.in;
    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() {
        ConfigFileEditor file;
        GpioInputConfig gpio;
        try {
            file = ConfigFileEditor.read(config);
            Map<String, Object> node = file.gpioInput(input);
            gpio = GpioInputConfig.fromMap(node, file.where(node));
        } catch (NoSuchFileException e) {
            err.println("rollcoach calibrate: no such config file: " + config);
            return EXIT_BAD_INPUT;
        } catch (IOException | IllegalArgumentException e) {
            err.println("rollcoach calibrate: " + e.getMessage());
            return EXIT_BAD_INPUT;
        }
        if (samples < 1) {
            err.println("rollcoach calibrate: --samples must be at least 1, was " + samples);
            return EXIT_BAD_INPUT;
        }
        BufferedReader console = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try (ForceSensor sensor = sensors.apply(gpio.force())) {
            ForceCalibration calibration = new ForceCalibration(sensor, samples, intervalMs);
            out.println("Calibrating " + sensor.describe() + " of '" + gpio.name() + "'.");
            out.print("1/2 Take everything off the roller, then press Enter: ");
            out.flush();
            if (console.readLine() == null) {
                err.println("rollcoach calibrate: input ended before the zero step");
                return EXIT_BAD_INPUT;
            }
            double zero = calibration.meanCounts("zero");
            out.printf(Locale.ROOT, "   empty roller reads %.1f counts%n", zero);
            double kg = askWeight(console);
            if (Double.isNaN(kg)) {
                return EXIT_BAD_INPUT;
            }
            double loaded = calibration.meanCounts("weight");
            out.printf(Locale.ROOT, "   with %.3f kg it reads %.1f counts%n", kg, loaded);
            if (!ForceCalibration.changedEnough(zero, loaded)) {
                err.println("rollcoach calibrate: the reading hardly changed (" + String.format(Locale.ROOT, "%.1f",
                    loaded - zero) + " counts): is the weight resting on the roller, and the load cell wired to "
                    + sensor.describe() + "?");
                return EXIT_BAD_INPUT;
            }
            ForceCalibration.Result result = ForceCalibration.of(zero, loaded, kg);
            double offset = result.offset();
            double scale = result.scale();
            out.printf(Locale.ROOT, "offset %s counts, scale %s N per count (%.1f N = %.3f kg)%n",
                ConfigFileEditor.number(offset), ConfigFileEditor.number(scale), kg * ForceCalibration.STANDARD_GRAVITY,
                kg);
            String whyNot;
            try {
                whyNot = file.writeForceCalibration(input, offset, scale);
            } catch (IOException e) {
                // the weighings are done: never lose them to a file we may not write (/etc needs sudo)
                whyNot = "cannot write it or its .bak (" + (e instanceof AccessDeniedException
                    ? "permission denied: run with sudo" : e.toString()) + ")";
            }
            if (whyNot == null) {
                out.println("Wrote gpio.force.offset and gpio.force.scale into " + config + " (the old file is "
                    + config.getFileName() + ".bak).");
                return 0;
            }
            out.println("Did not edit " + config + ": " + whyNot + ". Paste under the '" + gpio.name()
                + "' input's gpio: map:");
            out.print(ConfigFileEditor.snippet(offset, scale));
            return EXIT_NOT_WRITTEN;
        } catch (IOException e) {
            err.println("rollcoach calibrate: " + e.getMessage());
            return EXIT_BAD_INPUT;
        } catch (LinkageError | ProviderException e) {
            // Pi4J's natives did not load (Bullseye's glibc, an ARMv6 Pi), or Pi4J swallowed that and now asks for its
            // "provider JAR", which is there: say what the machine needs instead of a stack trace
            err.println("rollcoach calibrate: cannot read a wired sensor here: "
                + WiredInputUnsupportedException.REQUIREMENT + ". (" + e.getClass().getSimpleName() + ": "
                + firstLine(e.getMessage()) + ")");
            return GatewayRunner.EXIT_UNSUPPORTED;
        } catch (RuntimeException e) {
            err.println("rollcoach calibrate: the sensor did not answer: " + e.getMessage());
            return EXIT_BAD_INPUT;
        }
    }

    private double askWeight(BufferedReader console) throws IOException {
        for (int attempt = 0; attempt < 3; attempt++) {
            out.print("2/2 Put a known weight on the roller and type its mass in kg (e.g. 10 or 12.5), then Enter: ");
            out.flush();
            String line = console.readLine();
            if (line == null) {
                err.println("rollcoach calibrate: input ended before the weight step");
                return Double.NaN;
            }
            try {
                double kg = Double.parseDouble(line.trim().replace(',', '.'));
                if (kg > 0 && kg <= 500) {
                    return kg;
                }
            } catch (NumberFormatException e) {
                // asked again below
            }
            out.println("   '" + line.trim() + "' is not a mass in kg between 0 and 500; try again.");
        }
        err.println("rollcoach calibrate: no usable weight given");
        return Double.NaN;
    }

    private static String firstLine(String text) {
        String line = String.valueOf(text);
        int newline = line.indexOf('\n');
        return newline < 0 ? line : line.substring(0, newline);
    }
}
