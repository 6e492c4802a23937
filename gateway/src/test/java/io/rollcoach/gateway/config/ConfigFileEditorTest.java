package io.rollcoach.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The calibration written into a person's YAML file: the two values change, nothing else does, or nothing at all. */
class ConfigFileEditorTest {
    @TempDir
    Path dir;

    private Path file(String yaml) throws IOException {
        Path file = dir.resolve("rollcoach.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void onlyTheTwoValuesChangeAndCommentsOtherKeysAndLayoutStay() throws IOException {
        String before = """
            # the gym's Pi
            gateway: {id: gym-pi}   # one per Pi
            mqtt:
              url: tcp://192.168.1.5:1883
            inputs:
              - serial: /dev/serial/by-id/usb-RollCoach_Roller-if00
              - gpio:
                  name: maker-roller
                  force: {type: ads1115, address: 0x48, offset: 0, scale: 1.0}  # on the bench
                  rotation: {type: as5600}
                  radiusMm: 75
            """;
        Path file = file(before);

        assertNull(ConfigFileEditor.read(file).writeForceCalibration(null, 1000, 0.02));

        assertEquals(before.replace("offset: 0, scale: 1.0", "offset: 1000, scale: 0.02"), Files.readString(file));
        assertEquals(before, Files.readString(dir.resolve("rollcoach.yaml.bak")));
        assertFalse(Files.exists(dir.resolve("rollcoach.yaml.tmp")));
    }

    @Test
    void aBlockForceMapWithoutTheKeysGetsThemAtItsOwnIndent() throws IOException {
        Path file = file("""
            inputs:
              - gpio:
                  force:
                    type: hx711
                    clockPin: 6
                    dataPin: 5
                  rotation: {type: as5600}
            """);

        assertNull(ConfigFileEditor.read(file).writeForceCalibration(null, -81234.5, 0.000123456789));

        assertEquals("""
            inputs:
              - gpio:
                  force:
                    offset: -81234.5
                    scale: 0.000123456789
                    type: hx711
                    clockPin: 6
                    dataPin: 5
                  rotation: {type: as5600}
            """, Files.readString(file));
    }

    @Test
    void aOneLineForceMapWithoutTheKeysGetsThemAtItsEnd() throws IOException {
        Path file = file("inputs:\n  - gpio: {name: calf, force: {type: ads1115}, rotation: {type: as5600}}\n");

        assertNull(ConfigFileEditor.read(file).writeForceCalibration("calf", 1000, 0.02));

        assertEquals("inputs:\n  - gpio: {name: calf, force: {type: ads1115, offset: 1000, scale: 0.02}, "
            + "rotation: {type: as5600}}\n", Files.readString(file));
    }

    @Test
    void anEditThatCouldTouchAnotherInputLeavesTheFileAloneAndSaysWhy() throws IOException {
        String before = """
            inputs:
              - gpio: {name: left, force: {type: ads1115, offset: 0, scale: 1}, rotation: {type: as5600}}
              - gpio: {name: right, force: {type: ads1115, address: 0x49, offset: 0, scale: 1}, \
            rotation: {type: as5600}}
            """; // the \ joins two lines of the text block: the file has one line per input
        Path file = file(before);

        String whyNot = ConfigFileEditor.read(file).writeForceCalibration("right", 1000, 0.02);

        assertTrue(whyNot != null && whyNot.contains("not written in a shape this command edits"), whyNot);
        assertEquals(before, Files.readString(file));
        assertFalse(Files.exists(dir.resolve("rollcoach.yaml.bak")), "no backup of a file that was not edited");
    }

    @Test
    void anInputWithoutAForceMapIsNotEdited() throws IOException {
        String before = "inputs:\n  - gpio: {name: calf, rotation: {type: as5600}}\n";
        Path file = file(before);

        assertEquals("the gpio input has no 'force:' map",
            ConfigFileEditor.read(file).writeForceCalibration(null, 1000, 0.02));
        assertEquals(before, Files.readString(file));
    }

    @Test
    void theGpioInputIsTheOnlyOneOrTheOneNamedAndSaysWhereItIs() throws IOException {
        ConfigFileEditor one = ConfigFileEditor.read(file("inputs:\n  - serial: /dev/ttyUSB0\n"
            + "  - gpio: {name: calf, force: {type: ads1115}}\n"));
        assertEquals("calf", one.gpioInput(null).get("name"));
        assertEquals("inputs[1].gpio", one.where(one.gpioInput(null)));

        ConfigFileEditor two = ConfigFileEditor.read(
            file("inputs:\n  - gpio: {name: left}\n  - gpio: {name: right}\n"));
        assertEquals("right", two.gpioInput("right").get("name"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> two.gpioInput(null)).getMessage()
            .endsWith("has 2 gpio inputs [left, right]: choose one with --input"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> two.gpioInput("middle")).getMessage()
            .endsWith("has no gpio input named 'middle'; it has [left, right]"));

        ConfigFileEditor none = ConfigFileEditor.read(file("inputs:\n  - serial: /dev/ttyUSB0\n"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> none.gpioInput(null)).getMessage()
            .endsWith("has no 'inputs:' entry with a 'gpio:' map"));
    }

    @Test
    void aFileThatIsNoMapOfSettingsIsRefused() throws IOException {
        Path file = file("- just\n- a list\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConfigFileEditor.read(file)).getMessage()
            .endsWith("is not a YAML map of settings"));
    }

    @Test
    void valuesAreWrittenPlainToNineSignificantDigitsAndTheSnippetHoldsBoth() {
        assertEquals("1000", ConfigFileEditor.number(1000.0));
        assertEquals("0.0200013257", ConfigFileEditor.number(10 * 9.80665 / 4903));
        assertEquals("0.0000001", ConfigFileEditor.number(1e-7));
        assertEquals("-81234.5", ConfigFileEditor.number(-81234.5));
        assertEquals("    force:\n      # keep your type, bus/address or pins as they are; set these two:\n"
            + "      offset: 1000\n      scale: 0.02\n", ConfigFileEditor.snippet(1000, 0.02));
    }
}
