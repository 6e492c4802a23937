package io.rollcoach.gateway.gpio;

import com.pi4j.io.gpio.digital.DigitalInput;

/**
 * A push button on one GPIO input, polled by the sampler (no edge events: see {@link QuadratureEncoder} on #478).
 * Debounced by time: a level counts once it has held for {@link #DEBOUNCE_NANOS}. A press shorter than
 * {@link #LONG_PRESS_NANOS} is a short press, reported on release; holding that long is a long press, reported at
 * once while still held, so the person feels the answer without letting go.
 */
final class GpioPushButton implements PushButton {
    static final long DEBOUNCE_NANOS = 20_000_000L;
    static final long LONG_PRESS_NANOS = 600_000_000L;
    private final DigitalInput input;
    private final boolean activeLow;
    private final String description;
    private boolean rawPressed;
    private long rawSinceNanos;
    private boolean held;
    private long heldSinceNanos;
    private boolean longSent;
    private boolean started;

    GpioPushButton(DigitalInput input, boolean pullUp) {
        this.input = input;
        this.activeLow = pullUp;
        this.description = "button on GPIO" + input.address()
            + (pullUp ? " (to GND, pull-up)" : " (to 3V3, pull-down)");
    }

    @Override
    public int poll(long nowNanos) {
        boolean pressed = activeLow ? input.isLow() : input.isHigh();
        if (!started || pressed != rawPressed) {
            started = true;
            rawPressed = pressed;
            rawSinceNanos = nowNanos;
        }
        if (rawPressed != held && nowNanos - rawSinceNanos >= DEBOUNCE_NANOS) {
            held = rawPressed;
            if (held) {
                heldSinceNanos = rawSinceNanos;
                longSent = false;
            } else if (!longSent) {
                return SHORT_PRESS;
            }
        }
        if (held && !longSent && nowNanos - heldSinceNanos >= LONG_PRESS_NANOS) {
            longSent = true;
            return LONG_PRESS;
        }
        return 0;
    }

    @Override
    public boolean isHeld() {
        return held;
    }

    @Override
    public String describe() {
        return description;
    }

    // close(): nothing of our own; the pins are released when their Pi4J context shuts down.
}
