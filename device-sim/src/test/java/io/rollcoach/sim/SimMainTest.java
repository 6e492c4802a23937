package io.rollcoach.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rollcoach.protocol.MessageType;
import io.rollcoach.sim.scenario.ScenarioLibrary;
import picocli.CommandLine;

/** The command line, run in-process the way {@link SimMain#main} runs it, minus the System.exit. */
class SimMainTest {
    private static int run(StringWriter usage, String... args) {
        CommandLine cli = new CommandLine(new SimMain());
        cli.setOut(new PrintWriter(usage, true));
        cli.setErr(new PrintWriter(usage, true));
        return cli.execute(args);
    }

    /** --list writes with System.out itself, so catch that. */
    private static String stdoutOf(Runnable action) {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listShowsEveryScenario() {
        int[] code = new int[1];
        String out = stdoutOf(() -> code[0] = run(new StringWriter(), "--list"));
        assertEquals(0, code[0]);
        for (String name : ScenarioLibrary.names()) {
            assertTrue(out.lines().anyMatch(line -> line.startsWith(name + " ")), name + " missing from\n" + out);
        }
    }

    @Test
    void helpListsEveryOption() {
        StringWriter usage = new StringWriter();
        assertEquals(0, run(usage, "--help"));
        for (String option : new String[] {"--scenario", "--port", "--tcp", "--out", "--stdout", "--list", "--baud",
            "--rate", "--speed", "--seed", "--radius", "--body-weight", "--corrupt", "--drop", "--no-hello",
            "--clock-start", "--device-id", "--loop", "--help", "--version"}) {
            assertTrue(usage.toString().contains(option), option + " missing from\n" + usage);
        }
    }

    @Test
    void writesACaptureFileThatDecodes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("good.bin");
        assertEquals(0, run(new StringWriter(), "--scenario", "good-technique", "--out", file.toString(),
            "--speed", "0", "--device-id", "00000000000000AB", "--rate", "50"));
        byte[] bytes = Files.readAllBytes(file);
        Capture capture = Capture.decode(bytes);
        assertEquals(0, capture.stats.framesRejected() + capture.stats.framesLost(), capture.stats::toString);
        assertEquals(MessageType.HELLO, capture.frames.get(0).type());
        assertEquals(0xAB, Capture.hello(capture.frames.get(0)).deviceId());
        assertEquals(50, Capture.hello(capture.frames.get(0)).sampleRateHz());
        assertEquals(100 * 50, capture.samples.size(), 20);
        // the file holds exactly what the library renders for the same options
        byte[] expected = RollerSimulator.renderAll(ScenarioLibrary.load("good-technique"),
            SimOptions.defaults().withDeviceId(0xAB).withSampleRateHz(50));
        assertEquals(expected.length, bytes.length);
    }

    @Test
    void badInputIsAnErrorNotACrash(@TempDir Path dir) {
        Path file = dir.resolve("x.bin");
        assertEquals(2, run(new StringWriter(), "--scenario", "no-such-scenario", "--out", file.toString()));
        assertEquals(2, run(new StringWriter(), "--rate", "0", "--out", file.toString()));
        assertEquals(2, run(new StringWriter(), "--device-id", "xyz", "--out", file.toString()));
        assertEquals(2, run(new StringWriter(), "--corrupt", "0.9", "--out", file.toString()));
        assertEquals(2, run(new StringWriter(), "--speed", "-1", "--out", file.toString()));
        assertEquals(2, run(new StringWriter(), "--port", "/dev/x", "--tcp", "h:1"), "targets exclude each other");
    }
}
