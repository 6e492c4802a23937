package io.rollcoach.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine a figure was measured on, one line for the corner of a plot: CPU model, cores and JVM. */
public final class Machine {
    private Machine() {
    }

    public static String describe() {
        return cpuModel() + " · " + Runtime.getRuntime().availableProcessors() + " cores · "
            + "Java " + System.getProperty("java.version");
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) { // x86
                    return line.substring(line.indexOf(':') + 1).trim();
                }
                if (line.startsWith("Model")) { // a Raspberry Pi names the board here
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the OS's name is the best we have
        }
        return System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }
}
