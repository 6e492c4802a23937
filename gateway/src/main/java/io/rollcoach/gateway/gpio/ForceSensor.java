package io.rollcoach.gateway.gpio;

/**
 * A force sensor under the roller: raw conversions and their calibration to newtons. Read by one thread (the
 * sampler, or the calibrate command); reads allocate nothing.
 */
public interface ForceSensor extends AutoCloseable {
    /** The latest conversion, in the converter's counts; throws {@link SensorException} when the sensor is silent. */
    long readRaw();

    /** Counts to newtons with this sensor's calibration: {@code (raw - offset) * scale}. */
    double toNewtons(long raw);

    default double readNewtons() {
        return toNewtons(readRaw());
    }

    /** The part and where it is wired, for log lines: e.g. "ADS1115 on I2C bus 1 at 0x48, channel 0". */
    String describe();

    @Override
    default void close() {
    }
}
