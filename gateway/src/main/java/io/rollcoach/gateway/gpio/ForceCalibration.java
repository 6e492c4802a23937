package io.rollcoach.gateway.gpio;

import com.pi4j.context.Context;
import io.rollcoach.gateway.config.GpioInputConfig.ForceConfig;

/**
 * Calibrating a force sensor in two weighings: the mean raw reading of the empty roller is the offset, and a known
 * mass on it gives the scale in newtons per count. Runs on the caller's thread (the calibrate command's), which sleeps
 * between readings; never on a sampler.
 */
public final class ForceCalibration {
    public static final double STANDARD_GRAVITY = 9.80665;
    /** Less change than this between the weighings: the weight is not on the roller, or the load cell not wired. */
    public static final double MIN_CHANGE_COUNTS = 10;

    private final ForceSensor sensor;
    private final int samples;
    private final long intervalMs;

    /** The offset and scale to write as {@code gpio.force.offset} and {@code gpio.force.scale}. */
    public record Result(double offset, double scale) {
    }

    /**
     * @param samples    readings averaged per weighing, at least 1
     * @param intervalMs time between readings; 0 reads back to back
     */
    public ForceCalibration(ForceSensor sensor, int samples, long intervalMs) {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be at least 1, was " + samples);
        }
        this.sensor = sensor;
        this.samples = samples;
        this.intervalMs = intervalMs;
    }

    /**
     * One weighing: the mean of the raw readings, in the converter's counts.
     *
     * @param step the step's name ("zero", "weight"), said when the weighing is interrupted
     * @throws IllegalStateException when interrupted; a {@link SensorException} when the sensor is silent
     */
    public double meanCounts(String step) {
        double sum = 0;
        for (int i = 0; i < samples; i++) {
            sum += sensor.readRaw();
            if (intervalMs > 0) {
                try {
                    Thread.sleep(intervalMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted during the " + step + " step");
                }
            }
        }
        return sum / samples;
    }

    /** Whether the two weighings differ enough to calibrate on: see {@link #MIN_CHANGE_COUNTS}. */
    public static boolean changedEnough(double emptyCounts, double loadedCounts) {
        return Math.abs(loadedCounts - emptyCounts) >= MIN_CHANGE_COUNTS;
    }

    /** The calibration that reads {@code emptyCounts} as 0 N and {@code loadedCounts} as {@code kg} under gravity. */
    public static Result of(double emptyCounts, double loadedCounts, double kg) {
        return new Result(emptyCounts, kg * STANDARD_GRAVITY / (loadedCounts - emptyCounts));
    }

    /**
     * Opens the configured force sensor alone, on a Pi4J context of its own (I2C only for an ADS1115, so it works
     * where the GPIO provider's native library does not load); closing the sensor shuts the context down.
     */
    public static ForceSensor openOnThePi(ForceConfig force) {
        Context pi4j = PiContexts.forPins(PiContexts.usesGpioPins(force));
        ForceSensor sensor;
        try {
            sensor = GpioSensors.force(pi4j, force);
        } catch (RuntimeException | LinkageError e) {
            pi4j.shutdown();
            throw e;
        }
        return new ForceSensor() {
            @Override
            public long readRaw() {
                return sensor.readRaw();
            }

            @Override
            public double toNewtons(long raw) {
                return sensor.toNewtons(raw);
            }

            @Override
            public String describe() {
                return sensor.describe();
            }

            @Override
            public void close() {
                sensor.close();
                pi4j.shutdown();
            }
        };
    }
}
