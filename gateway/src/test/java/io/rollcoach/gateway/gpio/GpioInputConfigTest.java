package io.rollcoach.gateway.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading the {@code gpio:} entry of a YAML config: every documented combination, and errors naming the key. */
class GpioInputConfigTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @SuppressWarnings("unchecked")
    private static GpioInputConfig parse(String yaml) throws Exception {
        return GpioInputConfig.fromMap(YAML.readValue(yaml, Map.class), "inputs[0].gpio");
    }

    @Test
    void theDocumentedAds1115As5600EntryIsRead() throws Exception {
        GpioInputConfig c = parse("{force: {type: ads1115, bus: 1, address: 0x48, channel: 0, gain: 4.096, "
            + "dataRate: 250, offset: 12, scale: 0.05}, rotation: {type: as5600, bus: 1, address: 0x36}, "
            + "button: {pin: 17}, rateHz: 100, radiusMm: 75, name: maker-roller}");
        assertEquals("maker-roller", c.name());
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
    void hx711AndQuadratureWithoutAButtonAreReadWithTheDefaults() throws Exception {
        GpioInputConfig c = parse("{force: {type: hx711, clockPin: 5, dataPin: 6, sps: 80}, rotation: {type: "
            + "quadrature, pinA: 20, pinB: 21, countsPerRev: 2400}, radiusMm: 37.5}");
        assertEquals(5, c.force().clockPin());
        assertEquals(2400, c.rotation().countsPerRev());
        assertNull(c.button());
        assertEquals(100, c.rateHz());
        assertEquals("gpio-roller", c.name());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{force: {type: ads1115, channel: 7}, rotation: {type: as5600}, radiusMm: 75}"
            + "|inputs[0].gpio.force.channel must be 0..3, was 7",
        "{force: {type: ads1115, gain: 5}, rotation: {type: as5600}, radiusMm: 75}"
            + "|inputs[0].gpio.force.gain must be one of 6.144, 4.096, 2.048, 1.024, 0.512, 0.256 (full-scale volts), was 5.0",
        "{force: {type: ads1115, dataRate: 128}, rotation: {type: as5600}, radiusMm: 75, rateHz: 200}"
            + "|inputs[0].gpio.force.dataRate must be at least rateHz (200) or samples repeat, was 128",
        "{force: {type: loadcell}, rotation: {type: as5600}, radiusMm: 75}"
            + "|inputs[0].gpio.force.type must be ads1115 or hx711, was 'loadcell'",
        "{force: {type: hx711, clockPin: 5}, rotation: {type: as5600}, radiusMm: 75}"
            + "|inputs[0].gpio.force.dataPin must be set (the BCM GPIO wired to the HX711's DT)",
        "{force: {type: hx711, clockPin: 5, dataPin: 6, sps: 40}, rotation: {type: as5600}, radiusMm: 75}"
            + "|inputs[0].gpio.force.sps must be 10 or 80 (the HX711's RATE pin), was 40",
        "{force: {type: ads1115}, rotation: {type: as5600, adress: 0x36}, radiusMm: 75}"
            + "|inputs[0].gpio.rotation: unknown key(s) [adress]; known keys are [type, bus, address, reverse]",
        "{force: {type: ads1115}, rotation: {type: quadrature, pinA: 20, pinB: 20, countsPerRev: 400}, radiusMm: 75}"
            + "|inputs[0].gpio.rotation.pinB must differ from rotation.pinA, was 20",
        "{force: {type: ads1115}, rotation: {type: quadrature, pinA: 3, pinB: 4, countsPerRev: 400}, radiusMm: 75}"
            + "|inputs[0].gpio.rotation.pinA must not be GPIO2 or GPIO3 (I2C bus 1 SDA/SCL is in use), was 3",
        "{force: {type: ads1115}, rotation: {type: as5600}, button: {pin: 40}, radiusMm: 75}"
            + "|inputs[0].gpio.button.pin must be a BCM GPIO number 0..27 (not a header pin number), was 40",
        "{force: {type: ads1115}, rotation: {type: as5600}}"
            + "|inputs[0].gpio.radiusMm must be set (the roller's radius in millimetres)",
        "{force: {type: ads1115}, rotation: {type: as5600}, radiusMm: 75, rateHz: fast}"
            + "|inputs[0].gpio.rateHz must be a whole number, was 'fast'",
        "{force: {type: ads1115, scale: 0}, rotation: {type: as5600}, radiusMm: 75}"
            + "|inputs[0].gpio.force.scale must be a non-zero number (newtons per count), was 0.0",
        "{rotation: {type: as5600}, radiusMm: 75}"
            + "|inputs[0].gpio.force must be a map of keys, was nothing",
    })
    void aBadEntryIsRefusedNamingTheKeyTheRuleAndTheValue(String yaml, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(yaml));
        assertEquals(message, e.getMessage());
    }
}
