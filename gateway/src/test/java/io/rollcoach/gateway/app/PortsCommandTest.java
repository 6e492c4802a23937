package io.rollcoach.gateway.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import io.rollcoach.gateway.serial.SerialPorts;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PortsCommandTest {
    @Test
    void eachPortIsPrintedWithItsStableNamesBelowIt() {
        Path idLink = Path.of("/dev/serial/by-id/usb-RollCoach_Roller_0001-if00-port0");
        Path pathLink = Path.of("/dev/serial/by-path/platform-xhci-hcd.0-usb-0:1:1.0-port0");
        StringWriter out = new StringWriter();
        PortsCommand.print(new PrintWriter(out), List.of(new SerialPorts.Port("/dev/ttyUSB0",
            "CP2102 USB to UART Bridge Controller", List.of(idLink, pathLink))));

        String text = out.toString();
        assertTrue(text.contains("/dev/ttyUSB0 "), text);
        assertTrue(text.contains("CP2102 USB to UART Bridge Controller"), text);
        assertTrue(text.contains("\n  " + idLink + "\n  " + pathLink + "\n"), text);
        assertTrue(text.contains("Prefer a /dev/serial/by-id name"), text);
        assertTrue(text.contains("Pseudo-terminals"), text);
    }

    @Test
    void noPortsIsSaidAndPseudoTerminalsAreStillExplained() {
        StringWriter out = new StringWriter();
        PortsCommand.print(new PrintWriter(out), List.of());
        assertTrue(out.toString().startsWith("No serial ports found."), out.toString());
        assertTrue(out.toString().contains("opens them by path"), out.toString());
    }

    @Test
    void portsRunsOnThisMachineAndExits0() {
        StringWriter out = new StringWriter();
        CommandLine cli = RollCoachMain.commandLine();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("ports"));
        assertTrue(out.toString().contains("Pseudo-terminals"), out.toString());
    }
}
