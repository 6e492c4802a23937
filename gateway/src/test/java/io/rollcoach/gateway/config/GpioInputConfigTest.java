package io.rollcoach.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code gpio:} entry of a config file, through the one reader: every documented combination, and each error. */
class GpioInputConfigTest {
    private static GpioInputConfig parse(String gpio) {
        GatewayConfig config = ConfigLoader.parse("inputs:\n  - gpio: " + gpio + "\n", "rollcoach.yaml", Path.of("."));
        return assertInstanceOf(GpioInputConfig.class, config.inputs().get(0));
    }

    private static List<String> problems(String gpio) {
        ConfigException e = assertThrows(ConfigException.class,
            () -> ConfigLoader.parse("inputs:\n  - gpio: " + gpio + "\n", "rollcoach.yaml", Path.of(".")));
        return e.problems().stream().map(p -> p.path() + ": " + p.rule()).toList();
    }

    @Test
    void theDocumentedAds1115As5600EntryIsRead() {
        GpioInputConfig c = parse("{force: {type: ads1115, bus: 1, address: 0x48, channel: 0, gain: 4.096, "
            + "dataRate: 250, offset: 12, scale: 0.05}, rotation: {type: as5600, bus: 1, address: 0x36}, "
            + "button: {pin: 17}, rateHz: 100, radiusMm: 75, name: maker-roller}");
        assertEquals("maker-roller", c.name());
        assertNull(c.topicName(), "gpio.name names the roller in logs; only the entry's name is a topic level");
        assertEquals(GpioInputConfig.ForceType.ADS1115, c.force().type());
        assertEquals(0x48, c.force().address());
        assertEquals(250, c.force().dataRate());
        assertEquals(12, c.force().offset());
        assertEquals(0.05, c.force().scale());
        assertEquals(0x36, c.rotation().address());
        assertEquals(17, c.button().pin());
        assertEquals(true, c.button().pullUp());
        assertEquals(750, c.radiusTenthMm());
    }

    @Test
    void hx711AndQuadratureWithoutAButtonAreRead() {
        GpioInputConfig c = parse("{force: {type: hx711, clockPin: 5, dataPin: 6, sps: 80}, rotation: {type: "
            + "quadrature, pinA: 20, pinB: 21, countsPerRev: 2400}, radiusMm: 37.5}");
        assertEquals(5, c.force().clockPin());
        assertEquals(2400, c.rotation().countsPerRev());
        assertNull(c.button());
        assertEquals(100, c.rateHz());
        assertEquals("gpio-roller", c.name());
    }

    @Test
    void aQuotedHexAddressIsAWholeNumberToo() {
        assertEquals(0x49, parse("{force: {type: ads1115, address: \"0x49\"}, rotation: {type: as5600}, radiusMm: 75}")
            .force().address());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{force: {type: ads1115, channel: 7}, rotation: {type: as5600}, radiusMm: 75}"
            + "|inputs[0].gpio.force.channel: must be 0..3, was 7",
        "{force: {type: ads1115, gain: 5}, rotation: {type: as5600}, radiusMm: 75}"
            + "|inputs[0].gpio.force.gain: must be one of 6.144, 4.096, 2.048, 1.024, 0.512, 0.256 (full-scale volts), "
            + "was 5.0",
        "{force: {type: ads1115, dataRate: 128}, rotation: {type: as5600}, radiusMm: 75, rateHz: 200}"
            + "|inputs[0].gpio.force.dataRate: must be at least rateHz (200) or samples repeat, was 128",
        "{force: {type: loadcell}, rotation: {type: as5600}, radiusMm: 75}"
            + "|inputs[0].gpio.force.type: must be ads1115 or hx711, was 'loadcell'",
        "{force: {type: hx711, clockPin: 5}, rotation: {type: as5600}, radiusMm: 75}"
            + "|inputs[0].gpio.force.dataPin: must be set (the BCM GPIO wired to the HX711's DT)",
        "{force: {type: hx711, clockPin: 5, dataPin: 6, sps: 40}, rotation: {type: as5600}, radiusMm: 75}"
            + "|inputs[0].gpio.force.sps: must be 10 or 80 (the HX711's RATE pin), was 40",
        "{force: {type: ads1115}, rotation: {type: as5600, adress: 0x36}, radiusMm: 75}"
            + "|inputs[0].gpio.rotation.adress: unknown key; allowed here: address, bus, reverse, type",
        "{force: {type: ads1115}, rotation: {type: quadrature, pinA: 20, pinB: 20, countsPerRev: 400}, radiusMm: 75}"
            + "|inputs[0].gpio.rotation.pinB: must differ from rotation.pinA, was 20",
        "{force: {type: ads1115}, rotation: {type: quadrature, pinA: 3, pinB: 4, countsPerRev: 400}, radiusMm: 75}"
            + "|inputs[0].gpio.rotation.pinA: must not be GPIO2 or GPIO3 (I2C bus 1 SDA/SCL is in use), was 3",
        "{force: {type: ads1115}, rotation: {type: as5600}, button: {pin: 40}, radiusMm: 75}"
            + "|inputs[0].gpio.button.pin: must be a BCM GPIO number 0..27 (not a header pin number), was 40",
        "{force: {type: ads1115}, rotation: {type: as5600}}"
            + "|inputs[0].gpio.radiusMm: must be set (the roller's radius in millimetres)",
        "{force: {type: ads1115}, rotation: {type: as5600}, radiusMm: 75, rateHz: fast}"
            + "|inputs[0].gpio.rateHz: must be a whole number, was 'fast'",
        "{force: {type: ads1115, scale: 0}, rotation: {type: as5600}, radiusMm: 75}"
            + "|inputs[0].gpio.force.scale: must be a non-zero number (newtons per count), was 0.0",
        "{rotation: {type: as5600}, radiusMm: 75}"
            + "|inputs[0].gpio.force: must be a mapping with type ads1115 or hx711",
        "{force: {type: ads1115}, rotation: {type: as5600}, radiusMm: 75, buton: {pin: 17}}"
            + "|inputs[0].gpio.buton: unknown key; allowed here: button, force, name, radiusMm, rateHz, rotation",
    })
    void eachProblemNamesTheKeyTheRuleAndTheValue(String gpio, String problem) {
        assertEquals(List.of(problem), problems(gpio));
    }

    @Test
    void everyProblemOfOneEntryIsSaidAtOnce() {
        assertEquals(List.of(
            "inputs[0].gpio.force.bus: must be an I2C bus number 0..22 (1 on the header), was 30",
            "inputs[0].gpio.force.address: must be 0x48..0x4B (ADDR to GND, VDD, SDA, SCL), was 0x50",
            "inputs[0].gpio.rotation.countsPerRev: must be 4..100000 (4 x the encoder's pulses per revolution), was 2",
            "inputs[0].gpio.rateHz: must be 1..1000, was 5000",
            "inputs[0].gpio.radiusMm: must be 10..500 (the roller's radius, not diameter), was 750.0"),
            problems("{force: {type: ads1115, bus: 30, address: 0x50}, rotation: {type: quadrature, pinA: 20, pinB: 21,"
                + " countsPerRev: 2}, rateHz: 5000, radiusMm: 750}"));
    }

    @Test
    void aMapTakenOutOfTheFileIsReadByTheSameReader() {
        GpioInputConfig c = GpioInputConfig.fromMap(Map.of("name", "calf", "force", Map.of("type", "hx711",
            "clockPin", 6, "dataPin", 5), "rotation", Map.of("type", "as5600"), "radiusMm", 75), "inputs[2].gpio");
        assertEquals("calf", c.name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GpioInputConfig.fromMap(
            Map.of("force", Map.of("type", "hx711", "clockPin", 6, "dataPin", 6), "rotation", Map.of("type", "as5600"),
                "radiusMm", 7), "inputs[2].gpio"));
        assertEquals("inputs[2].gpio.radiusMm: must be 10..500 (the roller's radius, not diameter), was 7.0",
            e.getMessage());
    }
}
