package io.rollcoach.gateway.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.rollcoach.gateway.serial.Frames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What {@code run} would refuse at start, {@code run --check} refuses too; bad captures are said to be bad. */
class StartChecksTest {
    @TempDir
    Path dir;

    private record Outcome(int exit, String err) {
    }

    private Outcome rollcoach(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new RollCoachMain()).execute(args);
            return new Outcome(exit, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    private String config(String yaml) throws Exception {
        Path file = dir.resolve("rollcoach.yaml");
        Files.writeString(file, "storage: {dir: " + dir.resolve("store") + "}\n" + yaml);
        return file.toString();
    }

    @Test
    void checkRefusesWhatRunWouldRefuse() throws Exception {
        String none = config("");
        Outcome noRoller = rollcoach("run", "--config", none, "--check");
        assertEquals(GatewayRunner.EXIT_CONFIG, noRoller.exit());
        assertTrue(noRoller.err().contains("no roller to serve"), noRoller.err());

        Outcome scenario = rollcoach("run", "--config", none, "--simulate", "nope", "--check");
        assertEquals(GatewayRunner.EXIT_CONFIG, scenario.exit());
        assertTrue(scenario.err().contains("--simulate nope: no scenario named 'nope'"), scenario.err());

        Outcome capture = rollcoach("run", "--config", config("inputs:\n  - replay: missing.rcap\n"), "--check");
        assertEquals(GatewayRunner.EXIT_CONFIG, capture.exit());
        // relative to the config file's folder, as every path in it is
        assertTrue(capture.err().contains("cannot read the capture file " + dir.resolve("missing.rcap")
            + " (no such file)"), capture.err());

        Outcome fine = rollcoach("run", "--config", none, "--simulate", "good-technique", "--check");
        assertEquals(0, fine.exit(), fine.err());

        Files.writeString(dir.resolve("file"), "not a folder");
        Path fileConfig = dir.resolve("file-storage.yaml");
        Files.writeString(fileConfig, "storage: {dir: " + dir.resolve("file") + "}\n");
        Outcome fileStorage = rollcoach("run", "--config", fileConfig.toString(), "--simulate", "good-technique",
            "--check");
        assertEquals(GatewayRunner.EXIT_CONFIG, fileStorage.exit());
        assertTrue(fileStorage.err().contains("is a file, not a folder"), fileStorage.err());

        Outcome port = rollcoach("run", "--config", none, "--simulate", "good-technique", "--mqtt-port", "-1",
            "--check");
        assertEquals(GatewayRunner.EXIT_CONFIG, port.exit());
        assertTrue(port.err().contains("--mqtt-port must be from 1 to 65535, was -1"), port.err());
    }

    @Test
    void checkSaysEveryProblemInTheFileEachOnALineOfItsOwn() throws Exception {
        String file = config("inputs:\n  - serial: /dev/ttyUSB0\n    baud: 300\ndisplay: {port: 70000}\n"
            + "speech: {voice: \"en us\"}\n");
        Outcome check = rollcoach("run", "--config", file, "--check");
        assertEquals(GatewayRunner.EXIT_CONFIG, check.exit());
        assertEquals(List.of(
            "rollcoach: " + file + ":4:5: inputs[0].baud: must be from 1200 to 4000000, was 300",
            "rollcoach: " + file + ":5:11: display.port: must be from 0 to 65535 (0: any free port), was 70000",
            "rollcoach: " + file + ":6:10: speech.voice: must be an espeak-ng voice name such as en-us (letters, "
                + "digits, - + _), was 'en us'"), check.err().lines().toList());
    }

    @Test
    void optionsWithoutACommandGoToRun() {
        assertEquals(List.of("run", "--simulate", "good-technique"),
            List.of(RollCoachMain.withDefaultCommand(new String[] {"--simulate", "good-technique"})));
        assertEquals(List.of("--help"), List.of(RollCoachMain.withDefaultCommand(new String[] {"--help"})));
        assertEquals(List.of("demo"), List.of(RollCoachMain.withDefaultCommand(new String[] {"demo"})));
        Outcome both = rollcoach("run", "--simulate", "good-technique", "--broker", "tcp://127.0.0.1:1883",
            "--mqtt-port", "1884", "--check");
        assertEquals(GatewayRunner.EXIT_CONFIG, both.exit());
        assertTrue(both.err().contains("--mqtt-port is the embedded broker's port"), both.err());
    }

    @Test
    void replayOfAMissingCaptureStopsBeforeStartingAnything() throws Exception {
        Outcome replay = rollcoach("replay", dir.resolve("nope.rcap").toString(), "--config", config(""));
        assertEquals(GatewayRunner.EXIT_CONFIG, replay.exit());
        assertTrue(replay.err().contains("cannot read the capture file"), replay.err());
        assertTrue(!replay.err().contains("MQTT"), "no broker was started: " + replay.err());
    }

    @Test
    void analyzeSaysWhenAFileIsNoCapture() throws Exception {
        Path text = dir.resolve("notes.rcap");
        Files.writeString(text, "these are my notes, not a capture\n".repeat(20));
        Outcome garbage = rollcoach("analyze", text.toString());
        assertEquals(AnalyzeCommand.EXIT_CANNOT_READ, garbage.exit());
        assertTrue(garbage.err().contains("holds no RollCoach frames"), garbage.err());

        Path capture = dir.resolve("good.rcap");
        Files.write(capture, Frames.goodTechnique());
        Outcome good = rollcoach("analyze", capture.toString());
        assertEquals(0, good.exit(), good.err());
    }
}
