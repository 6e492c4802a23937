package io.rollcoach.gateway.gpio;

/** A sensor did not answer, answered short, or has not produced a new value for too long. */
public final class SensorException extends RuntimeException {
    public SensorException(String message) {
        super(message);
    }

    public SensorException(String message, Throwable cause) {
        super(message, cause);
    }
}
