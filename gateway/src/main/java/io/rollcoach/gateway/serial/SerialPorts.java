package io.rollcoach.gateway.serial;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fazecast.jSerialComm.SerialPort;

/**
 * The serial ports this machine has, as jSerialComm finds them, each with udev's stable names that point at it.
 * Pseudo-terminals (socat, {@code /dev/pts/N}) are not found, though {@link SerialLink} opens them by path. Called on
 * the caller's thread.
 */
public final class SerialPorts {
    /** udev's stable names: by-id survives moving the cable to another socket, by-path survives swapping rollers. */
    public static final List<Path> STABLE_NAME_DIRS = List.of(Path.of("/dev/serial/by-id"),
        Path.of("/dev/serial/by-path"));

    /** One port: its device path, what it says it is, and the stable names that lead to it (sorted, maybe none). */
    public record Port(String path, String description, List<Path> stableNames) {
    }

    private SerialPorts() {
    }

    /** Every port jSerialComm finds, with its stable names from {@link #STABLE_NAME_DIRS}. */
    public static List<Port> list() {
        List<Port> ports = new ArrayList<>();
        for (SerialPort port : SerialPort.getCommPorts()) {
            ports.add(new Port(port.getSystemPortPath(), describe(port), List.of()));
        }
        return withStableNames(ports, stableNames(STABLE_NAME_DIRS));
    }

    /** The same ports, each given the links in {@code byDevice} that resolve to the device its path resolves to. */
    static List<Port> withStableNames(List<Port> ports, Map<Path, List<Path>> byDevice) {
        List<Port> named = new ArrayList<>();
        for (Port port : ports) {
            named.add(new Port(port.path(), port.description(),
                byDevice.getOrDefault(realPath(Path.of(port.path())), List.of())));
        }
        return named;
    }

    private static String describe(SerialPort port) {
        String descriptive = port.getDescriptivePortName();
        String description = port.getPortDescription();
        if (description == null || description.isBlank() || descriptive.contains(description)) {
            return descriptive;
        }
        return descriptive + " - " + description;
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
