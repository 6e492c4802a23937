package io.rollcoach.gateway.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProvider;
import io.rollcoach.gateway.config.GpioInputConfig;
import io.rollcoach.gateway.gpio.GpioSensors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The calibrate dialogue, fed on stdin, against an ADS1115 on Pi4J's mock platform; and what it does to the file. */
class CalibrateCommandTest {
    private static final int SAMPLES = 8;
    private final Context pi4j = Pi4J.newContextBuilder().add(new MockPlatform())
        .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance(),
            MockI2CProvider.newInstance())
        .build();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    @TempDir
    Path dir;

    @AfterEach
    void shutDown() {
        pi4j.shutdown();
    }

    private int calibrate(Path config, String stdin, String... more) {
        CalibrateCommand command = new CalibrateCommand();
        command.sensors = force -> {
            var sensor = GpioSensors.force(pi4j, force);
            MockI2C chip = (MockI2C) pi4j.registry().get(String.format("rollcoach-i2c-%d-%02x", force.bus(),
                force.address()));
            for (int i = 0; i < SAMPLES; i++) {
                script(chip, 1000 + (i % 2 == 0 ? -3 : 3)); // empty: 1000 ± noise
            }
            for (int i = 0; i < SAMPLES; i++) {
                script(chip, 5903); // 10 kg: 4903 counts more
            }
            return sensor;
        };
        command.in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        String[] args = new String[4 + more.length];
        args[0] = "--config";
        args[1] = config.toString();
        args[2] = "--samples=" + SAMPLES;
        args[3] = "--interval-ms=0";
        System.arraycopy(more, 0, args, 4, more.length);
        return new CommandLine(command).execute(args);
    }

    private static void script(MockI2C chip, int value) {
        chip.writeRegister(0, new byte[] {(byte) (value >> 8), (byte) value}, 0, 2);
    }

    @SuppressWarnings("unchecked")
    private static GpioInputConfig read(Path config, int index) throws IOException {
        Map<String, Object> tree = new ObjectMapper(new YAMLFactory()).readValue(config.toFile(), Map.class);
        Map<String, Object> entry = ((List<Map<String, Object>>) tree.get("inputs")).get(index);
        return GpioInputConfig.fromMap((Map<String, Object>) entry.get("gpio"), "inputs[" + index + "].gpio");
    }

    @Test
    void theCalibrationIsWrittenIntoAOneLineEntryKeepingCommentsAndABackup() throws IOException {
        Path config = dir.resolve("rollcoach.yaml");
        String before = "# my roller\ninputs:\n  - gpio: {force: {type: ads1115, bus: 1, address: 0x48, channel: 0, "
            + "gain: 4.096, dataRate: 250, offset: 0, scale: 1.0}, rotation: {type: as5600, bus: 1, address: 0x36}, "
            + "button: {pin: 17}, rateHz: 100, radiusMm: 75, name: maker-roller}  # on the bench\n";
        Files.writeString(config, before);

        assertEquals(0, calibrate(config, "\n10\n"), err.toString());

        GpioInputConfig calibrated = read(config, 0);
        assertEquals(1000, calibrated.force().offset(), 1e-9);
        assertEquals(10 * 9.80665 / 4903, calibrated.force().scale(), 1e-9);
        assertEquals(98.0665, (5903 - calibrated.force().offset()) * calibrated.force().scale(), 1e-4);
        String after = Files.readString(config);
        assertTrue(after.startsWith("# my roller\n") && after.contains("# on the bench"), after);
        assertEquals(before, Files.readString(dir.resolve("rollcoach.yaml.bak")));
        assertTrue(out.toString().contains("Take everything off the roller"), out.toString());
    }

    @Test
    void aNonsenseWeightIsAskedAgainAndTheKeysAreAddedToABlockForceMap() throws IOException {
        Path config = dir.resolve("rollcoach.yaml");
        Files.writeString(config, """
            inputs:
              - gpio:
                  name: maker-roller
                  force:
                    type: ads1115
                    address: 0x48
                  rotation:
                    type: as5600
                  radiusMm: 75
            """);

        assertEquals(0, calibrate(config, "\nten\n10\n"), err.toString());

        assertTrue(out.toString().contains("'ten' is not a mass in kg"), out.toString());
        GpioInputConfig calibrated = read(config, 0);
        assertEquals(1000, calibrated.force().offset(), 1e-9);
        assertEquals(10 * 9.80665 / 4903, calibrated.force().scale(), 1e-9);
        assertEquals(0x48, calibrated.force().address());
    }

    @Test
    void anAmbiguousEditLeavesTheFileAndPrintsTheSnippetToPaste() throws IOException {
        Path config = dir.resolve("rollcoach.yaml");
        String before = """
            inputs:
              - gpio: {name: left, force: {type: ads1115, offset: 0, scale: 1}, rotation: {type: as5600}, radiusMm: 75}
              - gpio: {name: right, force: {type: ads1115, address: 0x49, offset: 0, scale: 1}, \
            rotation: {type: as5600, bus: 3}, radiusMm: 75}
            """; // the \ joins two lines of the text block: the file has one line per input
        Files.writeString(config, before);

        assertEquals(CalibrateCommand.EXIT_NOT_WRITTEN, calibrate(config, "\n10\n", "--input", "right"));

        assertEquals(before, Files.readString(config));
        assertTrue(out.toString().contains("offset: 1000\n"), out.toString());
        assertTrue(out.toString().contains("scale: 0.0200013"), out.toString());
    }

    @Test
    void aFileThatCannotBeWrittenGetsTheSnippetPrintedSoTheWeighingsAreNotLost() throws IOException {
        Path config = dir.resolve("rollcoach.yaml");
        String before = "inputs:\n  - gpio: {force: {type: ads1115, bus: 1, address: 0x48, channel: 0}, "
            + "rotation: {type: as5600, bus: 1, address: 0x36}, radiusMm: 75}\n";
        Files.writeString(config, before);
        Files.createDirectories(dir.resolve("rollcoach.yaml.bak")); // the backup cannot be written (as /etc for a user)
        Files.writeString(dir.resolve("rollcoach.yaml.bak").resolve("in-the-way"), "x");

        assertEquals(CalibrateCommand.EXIT_NOT_WRITTEN, calibrate(config, "\n10\n"), err.toString());

        assertEquals(before, Files.readString(config));
        assertTrue(out.toString().contains("cannot write it or its .bak"), out.toString());
        assertTrue(out.toString().contains("offset: 1000"), out.toString());
    }

    @Test
    void severalGpioInputsWithoutInputExit2AskingWhichOne() throws IOException {
        Path config = dir.resolve("rollcoach.yaml");
        Files.writeString(config, """
            inputs:
              - gpio: {name: left, force: {type: ads1115}, rotation: {type: as5600}, radiusMm: 75}
              - gpio: {name: right, force: {type: ads1115, address: 0x49}, rotation: {type: as5600}, radiusMm: 75}
            """);
        assertEquals(CalibrateCommand.EXIT_BAD_INPUT, calibrate(config, "\n10\n"));
        assertTrue(err.toString().contains("[left, right]: choose one with --input"), err.toString());
    }

    @Test
    void calibrateIsASubcommandOfRollcoach() {
        assertTrue(RollCoachMain.commandLine().getSubcommands().containsKey("calibrate"));
    }

    @Test
    void aLinkageErrorFromThePi4jSensorFactorySaysWhatThePiNeedsAndExits4() throws IOException {
        Path config = dir.resolve("rollcoach.yaml");
        Files.writeString(config, "inputs:\n  - gpio: {force: {type: hx711, dataPin: 5, clockPin: 6}, "
            + "rotation: {type: as5600, bus: 1, address: 0x36}, radiusMm: 75}\n");
        CalibrateCommand command = new CalibrateCommand();
        command.sensors = force -> {
            throw new UnsatisfiedLinkError("/tmp/libgpiod.so: /lib/arm-linux-gnueabihf/libc.so.6: version "
                + "`GLIBC_2.33' not found (required by /tmp/libgpiod.so)");
        };
        command.in = new ByteArrayInputStream(new byte[0]);
        command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        command.err = new PrintStream(err, true, StandardCharsets.UTF_8);

        assertEquals(GatewayRunner.EXIT_UNSUPPORTED, new CommandLine(command).execute("--config", config.toString()));
        String said = err.toString(StandardCharsets.UTF_8);
        assertTrue(said.startsWith("rollcoach calibrate: cannot read a wired sensor here: wired sensors need Raspberry "
            + "Pi OS Bookworm"), said);
        assertTrue(said.contains("ARMv7") && said.contains("GLIBC_2.33"), said);
        assertTrue(!said.contains("\tat ") && said.lines().count() == 1, "one line, no stack trace: " + said);
    }
}
