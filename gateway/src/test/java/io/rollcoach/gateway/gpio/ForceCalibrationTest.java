package io.rollcoach.gateway.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import io.rollcoach.gateway.config.GpioInputConfig.ForceConfig;
import org.junit.jupiter.api.Test;

/** Two weighings of an ADS1115 on Pi4J's mock platform, and the calibration they give. */
class ForceCalibrationTest {
    private static final ForceConfig UNCALIBRATED = ForceConfig.ads1115(1, 0x48, 0, false, 4.096, 250, 0, 1);

    @Test
    void theEmptyRollerIsTheOffsetAndAKnownMassGivesNewtonsPerCount() {
        try (MockPi pi = new MockPi(); ForceSensor sensor = GpioSensors.force(pi.pi4j, UNCALIBRATED)) {
            MockI2C chip = pi.i2c(1, 0x48);
            for (int value : new int[] {997, 1003, 998, 1002}) {
                MockPi.script16(chip, Ads1115.REG_CONVERSION, value); // empty: 1000 ± noise
            }
            for (int i = 0; i < 4; i++) {
                MockPi.script16(chip, Ads1115.REG_CONVERSION, 5903); // 10 kg: 4903 counts more
            }
            ForceCalibration calibration = new ForceCalibration(sensor, 4, 0);

            double empty = calibration.meanCounts("zero");
            double loaded = calibration.meanCounts("weight");
            ForceCalibration.Result result = ForceCalibration.of(empty, loaded, 10);

            assertEquals(1000, empty, 1e-9);
            assertEquals(5903, loaded, 1e-9);
            assertEquals(1000, result.offset(), 1e-9);
            assertEquals(10 * 9.80665 / 4903, result.scale(), 1e-12);
            // a second chip, as the file will configure it: the first holds its id in the context
            try (ForceSensor calibrated = GpioSensors.force(pi.pi4j,
                ForceConfig.ads1115(1, 0x49, 0, false, 4.096, 250, result.offset(), result.scale()))) {
                assertEquals(98.0665, calibrated.toNewtons(5903), 1e-9, "10 kg reads as 10 kg");
                assertEquals(0, calibrated.toNewtons(1000), 1e-9, "the empty roller reads as nothing");
            }
        }
    }

    @Test
    void weighingsLessThanTenCountsApartAreNotEnoughToCalibrateOn() {
        assertFalse(ForceCalibration.changedEnough(1000, 1009.9));
        assertFalse(ForceCalibration.changedEnough(1000, 990.1));
        assertTrue(ForceCalibration.changedEnough(1000, 1010));
        assertTrue(ForceCalibration.changedEnough(1000, 990), "a load cell wired the other way round calibrates too");
        assertTrue(ForceCalibration.of(1000, 990, 1).scale() < 0);
    }

    @Test
    void anInterruptedWeighingSaysWhichStep() {
        try (MockPi pi = new MockPi(); ForceSensor sensor = GpioSensors.force(pi.pi4j, UNCALIBRATED)) {
            MockPi.script16(pi.i2c(1, 0x48), Ads1115.REG_CONVERSION, 1000);
            Thread.currentThread().interrupt();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new ForceCalibration(sensor, 1, 5).meanCounts("zero"));
            assertEquals("interrupted during the zero step", e.getMessage());
            assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        }
    }

    @Test
    void fewerThanOneReadingPerWeighingIsRefused() {
        try (MockPi pi = new MockPi(); ForceSensor sensor = GpioSensors.force(pi.pi4j, UNCALIBRATED)) {
            assertThrows(IllegalArgumentException.class, () -> new ForceCalibration(sensor, 0, 0));
        }
    }
}
