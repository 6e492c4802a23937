package io.rollcoach.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.pi4j.Pi4J;
import com.pi4j.plugin.mock.platform.MockPlatform;
import io.rollcoach.gateway.gpio.AngleSensor;
import io.rollcoach.gateway.gpio.ForceSensor;
import io.rollcoach.gateway.config.GpioInputConfig;
import io.rollcoach.gateway.gpio.GpioRoller;
import io.rollcoach.gateway.input.RollerListener;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A wired input that cannot run here says why and stops the start; one whose sensors do not answer yet waits. */
class GpioInputTest {
    static final String GLIBC = "/tmp/libgpiod.so: /lib/aarch64-linux-gnu/libc.so.6: version `GLIBC_2.33' not found "
        + "(required by /tmp/libgpiod.so)";

    static GpioInputConfig i2cOnly() throws IOException {
        return config("{name: calf, force: {type: ads1115, bus: 1, address: 0x48, channel: 0},"
            + " rotation: {type: as5600, bus: 1, address: 0x36}, radiusMm: 75}");
    }

    static GpioInputConfig withPins() throws IOException {
        return config("{name: calf, force: {type: hx711, dataPin: 5, clockPin: 6},"
            + " rotation: {type: as5600, bus: 1, address: 0x36}, radiusMm: 75}");
    }

    @SuppressWarnings("unchecked")
    static GpioInputConfig config(String yaml) throws IOException {
        return GpioInputConfig.fromMap(new ObjectMapper(new YAMLFactory()).readValue(yaml, Map.class),
            "inputs[0].gpio");
    }

    private static final RollerListener NOBODY = (timeUs, force, angle, flags) -> { };

    @Test
    void aLinkageErrorFromPi4jStopsTheStartNamingTheOsAndThePi() throws IOException {
        GpioInput input = new GpioInput(withPins(), NOBODY, WiredSensors.pi4j(pins -> {
            throw new UnsatisfiedLinkError(GLIBC);
        }));
        WiredInputUnsupportedException e = assertThrows(WiredInputUnsupportedException.class, input::start);
        assertTrue(e.getMessage().contains("Bookworm"), e.getMessage());
        assertTrue(e.getMessage().contains("ARMv7"), e.getMessage());
        assertTrue(e.getMessage().contains("GLIBC_2.33"), e.getMessage());
        assertFalse(e.getMessage().contains("provider JAR"), e.getMessage());
        input.close();
    }

    @Test
    void pi4jWithoutItsProvidersIsTheSameProblemNotAMissingJar() throws IOException {
        // what Pi4J leaves after it swallowed the native library's failure: a context without the provider
        GpioInput input = new GpioInput(i2cOnly(), NOBODY, WiredSensors.pi4j(pins ->
            Pi4J.newContextBuilder().noAutoDetect().add(new MockPlatform()).build()));
        WiredInputUnsupportedException e = assertThrows(WiredInputUnsupportedException.class, input::start);
        assertTrue(e.getMessage().startsWith("GPIO input 'calf' cannot run here: wired sensors need Raspberry Pi OS "
            + "Bookworm"), e.getMessage());
        input.close();
    }

    @Test
    void anI2cOnlyInputAsksForNoGpioProvider() throws IOException {
        boolean[] pinsAsked = new boolean[2];
        WiredSensors sensors = WiredSensors.pi4j(pins -> {
            pinsAsked[pins ? 1 : 0] = true;
            throw new UnsatisfiedLinkError(GLIBC);
        });
        assertThrows(WiredInputUnsupportedException.class, () -> sensors.open(i2cOnly(), NOBODY));
        assertThrows(WiredInputUnsupportedException.class, () -> sensors.open(withPins(), NOBODY));
        assertTrue(pinsAsked[0] && pinsAsked[1], "I2C-only: no pins; HX711: pins");
    }

    @Test
    void sensorsThatDoNotAnswerAtStartAreWaitedForAndTheRollerStartsWhenTheyDo() throws IOException {
        AtomicInteger attempts = new AtomicInteger();
        GpioRoller[] opened = new GpioRoller[1];
        WiredSensors sensors = (config, listener) -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IOException("cannot open the sensors of GPIO input 'calf': ADS1115 on I2C bus 1 at 0x48 "
                    + "did not answer");
            }
            opened[0] = new GpioRoller(config.name(), new SteadyForce(), new SteadyAngle(), null, 50, 750, listener);
            return opened[0];
        };
        GpioInput input = new GpioInput(i2cOnly(), NOBODY, sensors, 50);
        input.start(); // no exception: waiting, as for a serial port not plugged in yet
        assertEquals(false, input.health().get("linkUp"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> opened[0] != null);
        Awaitility.await().atMost(Duration.ofSeconds(5))
            .until(() -> ((Number) input.health().get("samples")).longValue() > 0);
        input.close();
        assertEquals(3, attempts.get());
    }

    private static final class SteadyForce implements ForceSensor {
        @Override
        public long readRaw() {
            return 1000;
        }

        @Override
        public double toNewtons(long raw) {
            return raw / 10.0;
        }

        @Override
        public String describe() {
            return "a steady force";
        }
    }

    private static final class SteadyAngle implements AngleSensor {
        @Override
        public double readRadians() {
            return 0;
        }

        @Override
        public String describe() {
            return "a steady angle";
        }
    }
}
