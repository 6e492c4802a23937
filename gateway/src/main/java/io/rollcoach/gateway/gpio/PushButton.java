package io.rollcoach.gateway.gpio;

/** The roller's button, polled by the sampler thread once per sample. */
public interface PushButton extends AutoCloseable {
    int SHORT_PRESS = 1;
    int LONG_PRESS = 2;

    /**
     * Samples the button at {@code nowNanos} (monotonic); returns {@link #SHORT_PRESS} or {@link #LONG_PRESS} when a
     * press is recognised at this poll, else 0.
     */
    int poll(long nowNanos);

    /** Whether the button is held, as of the last poll (debounced). */
    boolean isHeld();

    String describe();

    @Override
    default void close() {
    }
}
