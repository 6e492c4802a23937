package io.rollcoach.gateway.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PortsCommandTest {
    @TempDir
    Path dir;

    @Test
    void shouldShowTheStableNamesThatPointAtEachPort() throws Exception {
        Path device = Files.createFile(dir.resolve("ttyUSB0"));
        Path byId = Files.createDirectories(dir.resolve("by-id"));
        Path byPath = Files.createDirectories(dir.resolve("by-path"));
        Path idLink = Files.createSymbolicLink(byId.resolve("usb-RollCoach_Roller_0001-if00-port0"), Path.of("../ttyUSB0"));
        Path pathLink = Files.createSymbolicLink(byPath.resolve("platform-xhci-hcd.0-usb-0:1:1.0-port0"), device);
        Files.createSymbolicLink(byId.resolve("usb-Gone-if00"), dir.resolve("ttyUSB9")); // dangling: not this port

        Map<Path, List<Path>> names = PortsCommand.stableNames(List.of(byId, byPath, dir.resolve("missing")));
        StringWriter out = new StringWriter();
        PortsCommand.print(new PrintWriter(out), List.of(new PortsCommand.PortInfo(device.toString(), "ttyUSB0",
            "CP2102 USB to UART Bridge Controller")), names);

        String text = out.toString();
        assertTrue(text.contains(device + " "), text);
        assertTrue(text.contains("CP2102 USB to UART Bridge Controller"), text);
        assertTrue(text.contains("  " + idLink), text);
        assertTrue(text.contains("  " + pathLink), text);
        assertTrue(!text.contains("usb-Gone"), text);
        assertTrue(text.contains("Pseudo-terminals"), text);
    }

    @Test
    void shouldSayWhenThereAreNoPorts() {
        StringWriter out = new StringWriter();
        PortsCommand.print(new PrintWriter(out), List.of(), Map.of());
        assertTrue(out.toString().startsWith("No serial ports found."), out.toString());
        assertTrue(out.toString().contains("opens them by path"), out.toString());
    }

    @Test
    void shouldRunOnThisMachine() {
        StringWriter out = new StringWriter();
        CommandLine cli = RollCoachMain.commandLine();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("ports"));
        assertTrue(out.toString().contains("Pseudo-terminals"), out.toString());
    }
}
