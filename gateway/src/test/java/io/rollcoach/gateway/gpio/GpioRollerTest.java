package io.rollcoach.gateway.gpio;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import io.rollcoach.gateway.config.GpioInputConfig;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import io.rollcoach.gateway.config.GpioInputConfig.ButtonConfig;
import io.rollcoach.gateway.config.GpioInputConfig.ForceConfig;
import io.rollcoach.gateway.config.GpioInputConfig.RotationConfig;
import io.rollcoach.gateway.input.RecordingListener;
import io.rollcoach.gateway.input.RollerListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sampler: readings to samples, presses, silence and recovery, its clock, jitter figures, no allocation. */
class GpioRollerTest {
    private static final long PERIOD = 10_000_000L;
    private final MockPi pi = new MockPi();
    private final RecordingListener heard = new RecordingListener();

    @AfterEach
    void shutDown() {
        pi.close();
    }

    private GpioRoller roller() {
        GpioInputConfig config = new GpioInputConfig("maker-roller",
            ForceConfig.ads1115(1, 0x48, 0, false, 4.096, 250, 0, 0.1), RotationConfig.as5600(1, false),
            new ButtonConfig(17, true), 100, 75);
        GpioRoller roller = GpioSensors.roller(pi.pi4j, config, heard);
        pi.input("rollcoach-button-17").mockState(DigitalState.HIGH); // the pull-up holds a released button high
        return roller;
    }

    @Test
    void readingsBecomeSamplesTimedFromTheFirstWithUnwrappedAngleAndPresses() {
        GpioRoller roller = roller();
        MockI2C ads = pi.i2c(1, 0x48);
        MockI2C as5600 = pi.i2c(1, 0x36);
        MockDigitalInput button = pi.input("rollcoach-button-17");
        button.mockState(DigitalState.HIGH);
        long start = 5_000_000_000L;
        for (int i = 0; i < 60; i++) {
            MockPi.script16(ads, Ads1115.REG_CONVERSION, 300 + i); // 30.0 N and rising
            MockPi.script16(as5600, As5600.REG_RAW_ANGLE, (4000 + 10 * i) % 4096);
            button.mockState(i >= 10 && i < 30 ? DigitalState.LOW : DigitalState.HIGH);
            roller.sampleOnce(start + i * PERIOD);
        }
        assertEquals(1, heard.hellos());
        assertEquals(750, heard.radiusTenthMm(), "HELLO radius in 0.1 mm");
        assertEquals(60, heard.sampleCount());
        assertEquals(60, heard.ticks().size(), "a tick every sample: well within 100 ms");
        RecordingListener.Sample first = heard.samples().get(0);
        RecordingListener.Sample last = heard.samples().get(59);
        assertEquals(0, first.timeUs());
        assertEquals(590_000, last.timeUs(), "µs since the first sample");
        assertEquals(300, first.force());
        assertEquals(359, last.force());
        assertEquals(Math.round(4000 * 2 * Math.PI / 4096 * 10_000), first.angle());
        assertEquals(Math.round((4000 + 590) * 2 * Math.PI / 4096 * 10_000), last.angle(), "unwrapped past 4095");
        assertEquals(1, heard.samples().get(15).flags(), "held flag while pressed (after debounce)");
        assertEquals(0, heard.samples().get(40).flags());
        assertEquals(List.of(1), heard.buttons(), "a 200 ms press is a short press");
    }

    @Test
    void theSampleClockWrapsAtTwoToTheThirtyTwoMicroseconds() {
        GpioRoller roller = roller();
        long wrapAtNanos = (1L << 32) * 1_000;
        for (long t : new long[] {0, wrapAtNanos - PERIOD, wrapAtNanos + PERIOD}) {
            MockPi.script16(pi.i2c(1, 0x48), Ads1115.REG_CONVERSION, 0);
            MockPi.script16(pi.i2c(1, 0x36), As5600.REG_RAW_ANGLE, 0);
            roller.sampleOnce(t);
        }
        assertEquals((1L << 32) - 10_000, heard.samples().get(1).timeUs());
        assertEquals(10_000, heard.samples().get(2).timeUs());
    }

    @Test
    void aSilentSensorIsReportedOnceRetriedEveryHalfSecondAndRestored() {
        GpioRoller roller = roller();
        MockI2C ads = pi.i2c(1, 0x48);
        MockI2C as5600 = pi.i2c(1, 0x36);
        long t = 0;
        for (int i = 0; i < 10; i++) {
            MockPi.script16(ads, Ads1115.REG_CONVERSION, 100);
            MockPi.script16(as5600, As5600.REG_RAW_ANGLE, 100);
            roller.sampleOnce(t += PERIOD);
        }
        // The AS5600 stops answering for 2 s: its register FIFO stays empty, reads come back short.
        for (int i = 0; i < 200; i++) {
            MockPi.script16(ads, Ads1115.REG_CONVERSION, 100);
            roller.sampleOnce(t += PERIOD);
        }
        Map<String, Object> health = roller.health();
        assertEquals(false, health.get("linkUp"));
        assertTrue(health.get("lastFailure").toString().contains("AS5600 on I2C bus 1 at 0x36"),
            health.toString());
        // the first failure at 110 ms, then retries at 610, 1110 and 1610 ms: one every 500 ms, not every sample
        assertEquals(4L, health.get("sensorFailures"));
        assertEquals(10, heard.sampleCount(), "no samples while silent");
        assertEquals(210, heard.ticks().size(), "ticks go on while silent");
        // It answers again: the next retry restores the link.
        for (int i = 0; i < 60; i++) {
            MockPi.script16(ads, Ads1115.REG_CONVERSION, 100);
            MockPi.script16(as5600, As5600.REG_RAW_ANGLE, 200);
            roller.sampleOnce(t += PERIOD);
        }
        assertEquals(List.of("hello", "lost@10", "restored@10"), heard.calls());
        assertTrue(heard.sampleCount() > 20, "sampling resumed: " + heard.sampleCount());
        assertEquals(true, roller.health().get("linkUp"));
    }

    @Test
    void aSensorThatThrowsIsALostLinkRestoredWhenItReadsAgain() {
        boolean[] broken = {false};
        ForceSensor throwing = new FixedForce(12.5) {
            @Override
            public long readRaw() {
                if (broken[0]) {
                    throw new IllegalStateException("bus error");
                }
                return super.readRaw();
            }
        };
        GpioRoller roller = new GpioRoller("t", throwing, new FixedAngle(), null, 100, 750, heard);
        long t = 0;
        for (int i = 0; i < 300; i++) {
            broken[0] = i >= 50 && i < 120;
            roller.sampleOnce(t += PERIOD);
        }
        assertEquals(List.of("hello", "lost@50"), heard.calls().subList(0, 2));
        assertEquals(3, heard.calls().size());
        assertTrue(heard.calls().get(2).startsWith("restored@"), heard.calls().toString());
        assertEquals(125, heard.samples().get(0).force());
    }

    @Test
    void theSamplerRunsOnItsOwnThreadAndMeasuresItsJitter() {
        GpioRoller roller = new GpioRoller("t", new FixedForce(1), new FixedAngle(), null, 200, 750, heard);
        roller.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> (long) roller.health().get("samples") >= 100);
        } finally {
            roller.close();
        }
        Map<String, Object> health = roller.health();
        long p50 = (long) health.get("jitterP50Us");
        long p99 = (long) health.get("jitterP99Us");
        long max = (long) health.get("jitterMaxUs");
        assertTrue(p50 <= p99 && p99 <= Math.max(max, IntervalJitter.BUCKET_US), health.toString());
        assertEquals(0L, health.get("loopErrors"));
        assertEquals(1, heard.hellos());
        System.out.println("gpio-sampler at 200 Hz: " + health);
    }

    @Test
    void samplingAllocatesNothingPerSample() {
        long[] sink = {0};
        RollerListener counting = (timeUs, force, angle, flags) -> sink[0] += force + angle + flags;
        GpioRoller roller = new GpioRoller("alloc", new FixedForce(33.3), new FixedAngle(), new FixedButton(), 100,
            750, counting);
        long t = 0;
        for (int i = 0; i < 50_000; i++) {
            roller.sampleOnce(t += PERIOD);
        }
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 200_000; i++) {
            roller.sampleOnce(t += PERIOD);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(sink[0] != 0);
        assertTrue(allocated < 1_024, allocated + " bytes over 200,000 samples");
    }

    private static class FixedForce implements ForceSensor {
        private final double newtons;

        FixedForce(double newtons) {
            this.newtons = newtons;
        }

        @Override
        public long readRaw() {
            return Math.round(newtons * 1000);
        }

        @Override
        public double toNewtons(long raw) {
            return raw / 1000.0;
        }

        @Override
        public String describe() {
            return "fixed force";
        }
    }

    private static final class FixedAngle implements AngleSensor {
        private double radians;

        @Override
        public double readRadians() {
            radians += 0.001;
            return radians;
        }

        @Override
        public String describe() {
            return "turning angle";
        }
    }

    private static final class FixedButton implements PushButton {
        private int polls;

        @Override
        public int poll(long nowNanos) {
            return ++polls % 1000 == 0 ? SHORT_PRESS : 0;
        }

        @Override
        public boolean isHeld() {
            return polls % 1000 > 980;
        }

        @Override
        public String describe() {
            return "a button";
        }
    }
}
