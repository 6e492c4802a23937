package io.rollcoach.gateway.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import com.fazecast.jSerialComm.SerialPort;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rollcoach ports}: the serial ports this machine has, with the stable names that point at them. */
@Command(name = "ports", mixinStandardHelpOptions = true,
    description = "Lists serial ports with their description and their stable /dev/serial/by-id and by-path names.")
final class PortsCommand implements Callable<Integer> {
    /** udev's stable names: by-id survives moving the cable to another socket, by-path survives swapping rollers. */
    static final List<Path> STABLE_NAME_DIRS = List.of(Path.of("/dev/serial/by-id"), Path.of("/dev/serial/by-path"));

    @Spec
    CommandSpec spec;

    /** One port as jSerialComm reports it. */
    record PortInfo(String path, String name, String description) {
    }

    @Override
    public Integer call() {
        List<PortInfo> ports = new ArrayList<>();
        for (SerialPort port : SerialPort.getCommPorts()) {
            ports.add(new PortInfo(port.getSystemPortPath(), port.getSystemPortName(), describe(port)));
        }
        print(spec.commandLine().getOut(), ports, stableNames(STABLE_NAME_DIRS));
        return 0;
    }

    private static String describe(SerialPort port) {
        String descriptive = port.getDescriptivePortName();
        String description = port.getPortDescription();
        if (description == null || description.isBlank() || descriptive.contains(description)) {
            return descriptive;
        }
        return descriptive + " - " + description;
    }

    static void print(PrintWriter out, List<PortInfo> ports, Map<Path, List<Path>> stableNames) {
        if (ports.isEmpty()) {
            out.println("No serial ports found. Is the roller plugged in and switched on? "
                + "(`dmesg | tail` shows whether the USB adapter was seen.)");
        } else {
            for (PortInfo port : ports) {
                out.printf("%-16s %s%n", port.path(), port.description());
                for (Path link : stableNames.getOrDefault(realPath(Path.of(port.path())), List.of())) {
                    out.printf("  %s%n", link);
                }
            }
            out.println("Prefer a /dev/serial/by-id name (run --serial, record --port, inputs: serial): it stays the same "
                + "when the roller is replugged.");
        }
        out.println("Pseudo-terminals (socat, /dev/pts/N) are never listed, but --port opens them by path.");
        out.flush();
    }

    /** Every symlink in {@code dirs}, grouped by the device it resolves to; dirs that do not exist are skipped. */
    static Map<Path, List<Path>> stableNames(List<Path> dirs) {
        Map<Path, List<Path>> byDevice = new TreeMap<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue; // no USB serial device plugged in since boot: udev has not made the dir
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    if (Files.isSymbolicLink(entry)) {
                        byDevice.computeIfAbsent(realPath(entry), k -> new ArrayList<>()).add(entry);
                    }
                }
            } catch (IOException e) {
                // unreadable: list the ports without their stable names rather than fail
            }
        }
        byDevice.values().forEach(links -> links.sort(null));
        return byDevice;
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize(); // a dangling link: the device is gone
        }
    }
}
