package io.rollcoach.sim.scenario;

/** A scenario that cannot be used: unknown name, unreadable or malformed file, or a value out of range. */
public final class ScenarioException extends IllegalArgumentException {
    public ScenarioException(String message) {
        super(message);
    }

    public ScenarioException(String message, Throwable cause) {
        super(message, cause);
    }
}
