package io.rollcoach.gateway.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.rollcoach.gateway.serial.SerialPorts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rollcoach ports}: the serial ports this machine has, with the stable names that point at them. */
@Command(name = "ports", mixinStandardHelpOptions = true,
    description = "Lists serial ports with their description and their stable /dev/serial/by-id and by-path names.")
final class PortsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        print(spec.commandLine().getOut(), SerialPorts.list());
        return 0;
    }

    static void print(PrintWriter out, List<SerialPorts.Port> ports) {
        if (ports.isEmpty()) {
            out.println("No serial ports found. Is the roller plugged in and switched on? "
                + "(`dmesg | tail` shows whether the USB adapter was seen.)");
        } else {
            for (SerialPorts.Port port : ports) {
                out.printf("%-16s %s%n", port.path(), port.description());
                for (Path link : port.stableNames()) {
                    out.printf("  %s%n", link);
                }
            }
            out.println("Prefer a /dev/serial/by-id name (run --serial, record --port, inputs: serial): it stays the "
                + "same when the roller is replugged.");
        }
        out.println("Pseudo-terminals (socat, /dev/pts/N) are never listed, but --port opens them by path.");
        out.flush();
    }
}
