package io.rollcoach.gateway.gpio;

/** The roller's rotation, cumulative: it keeps counting across turns. Read by the sampler thread. */
public interface AngleSensor extends AutoCloseable {
    /** Cumulative rotation in radians; throws {@link SensorException} when the sensor is silent. */
    double readRadians();

    /** The part and where it is wired, for log lines. */
    String describe();

    @Override
    default void close() {
    }
}
