package io.rollcoach.gateway.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which stable names lead to which port, in a made-up /dev/serial with real symlinks. */
class SerialPortsTest {
    @TempDir
    Path dir;

    @Test
    void eachPortGetsTheLinksThatResolveToItsDeviceAndDanglingLinksGoNowhere() throws Exception {
        Path device = Files.createFile(dir.resolve("ttyUSB0"));
        Path other = Files.createFile(dir.resolve("ttyACM0"));
        Path byId = Files.createDirectories(dir.resolve("by-id"));
        Path byPath = Files.createDirectories(dir.resolve("by-path"));
        Path idLink = Files.createSymbolicLink(byId.resolve("usb-RollCoach_Roller_0001-if00-port0"),
            Path.of("../ttyUSB0"));
        Path pathLink = Files.createSymbolicLink(byPath.resolve("platform-xhci-hcd.0-usb-0:1:1.0-port0"), device);
        Files.createSymbolicLink(byId.resolve("usb-Gone-if00"), dir.resolve("ttyUSB9")); // dangling: not this port

        Map<Path, List<Path>> names = SerialPorts.stableNames(List.of(byId, byPath, dir.resolve("missing")));
        List<SerialPorts.Port> ports = SerialPorts.withStableNames(List.of(
            new SerialPorts.Port(device.toString(), "CP2102 USB to UART Bridge Controller", List.of()),
            new SerialPorts.Port(other.toString(), "an Arduino", List.of())), names);

        assertEquals(List.of(new SerialPorts.Port(device.toString(), "CP2102 USB to UART Bridge Controller",
            List.of(idLink, pathLink)), new SerialPorts.Port(other.toString(), "an Arduino", List.of())), ports);
    }

    @Test
    void aPortGivenByOneOfItsLinksStillGetsAllOfThem() throws Exception {
        Path device = Files.createFile(dir.resolve("ttyUSB0"));
        Path byId = Files.createDirectories(dir.resolve("by-id"));
        Path idLink = Files.createSymbolicLink(byId.resolve("usb-RollCoach_Roller_0001-if00-port0"), device);

        List<SerialPorts.Port> ports = SerialPorts.withStableNames(List.of(new SerialPorts.Port(idLink.toString(),
            "roller", List.of())), SerialPorts.stableNames(List.of(byId)));

        assertEquals(List.of(idLink), ports.get(0).stableNames());
    }

    @Test
    void listingThisMachinesPortsNeverFails() {
        for (SerialPorts.Port port : SerialPorts.list()) {
            assertFalse(port.path().isEmpty(), port.toString());
        }
    }
}
