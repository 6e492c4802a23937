package io.rollcoach.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.rollcoach.gateway.config.ConfigLoader;
import io.rollcoach.gateway.config.GatewayConfig;
import io.rollcoach.gateway.config.InputConfig;
import io.rollcoach.gateway.config.ReplayInputConfig;
import io.rollcoach.gateway.config.SerialInputConfig;
import io.rollcoach.gateway.config.SimulatedInputConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What would stop the gateway at start is found before anything starts, and named with the input it is about. */
class StartCheckTest {
    @TempDir
    Path dir;

    private GatewayConfig config(Path storage, InputConfig... inputs) {
        GatewayConfig defaults = ConfigLoader.defaults();
        return defaults.withInputs(List.of(inputs)).withStorage(new GatewayConfig.StorageConfig(storage, false, false,
            defaults.storage().capturesMaxMb()));
    }

    private static InputConfig input(String kind, String target) {
        return switch (kind) {
            case "simulate" -> new SimulatedInputConfig(target, 1, false, null, "inputs[0]");
            case "replay" -> new ReplayInputConfig(Path.of(target), 1, null, "inputs[0]");
            case "serial" -> new SerialInputConfig(target, 115_200, false, null, "inputs[0]");
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @Test
    void aRunnableConfigHasNoProblem() throws Exception {
        Path capture = Files.write(dir.resolve("good.rcap"), new byte[] {0});
        assertNull(StartCheck.problem(config(dir.resolve("store"), input("simulate", "good-technique"),
            input("replay", capture.toString()), input("serial", "/dev/rollcoach-not-plugged-in-yet"))));
    }

    @Test
    void noRollerIsAProblem() {
        assertTrue(StartCheck.problem(config(dir)).startsWith("no roller to serve: give --serial PORT"));
    }

    @Test
    void aScenarioThatIsNotThereIsNamedWithItsInput() {
        String problem = StartCheck.problem(config(dir, input("simulate", "nope")));
        assertTrue(problem.startsWith("inputs[0]: no scenario named 'nope'"), problem);
    }

    @Test
    void aCaptureThatCannotBeReadSaysWhy() throws Exception {
        assertEquals("inputs[0]: cannot read the capture file " + dir.resolve("missing.rcap") + " (no such file)",
            StartCheck.problem(config(dir, input("replay", dir.resolve("missing.rcap").toString()))));
        assertEquals("inputs[0]: cannot read the capture file " + dir + " (a folder, not a file)",
            StartCheck.problem(config(dir, input("replay", dir.toString()))));
    }

    @Test
    void aStorageFolderThatIsAFileIsAProblem() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "not a folder");
        assertEquals("storage.dir " + file + " is a file, not a folder",
            StartCheck.problem(config(file, input("simulate", "good-technique"))));
    }
}
