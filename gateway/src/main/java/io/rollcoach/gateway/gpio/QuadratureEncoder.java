package io.rollcoach.gateway.gpio;

import com.pi4j.io.gpio.digital.DigitalInput;

/**
 * A quadrature encoder on two GPIO inputs, A and B, decoded on all four edges. A leading B counts up.
 *
 * <p>Pi4J 2.8.0's GpioD provider delivers input-change events unsafely across threads (#478, fixed in 3.0.x), so we do
 * not listen for edges: {@link #poll()} reads both pins, and one thread (the roller's {@code gpio-quadrature} poller,
 * or a test) calls it often enough to see every transition. The count is published to the sampler through a volatile.
 */
final class QuadratureEncoder implements AngleSensor {
    /** Count change for (previous state << 2 | current state), state = A << 1 | B; 0 where both pins changed. */
    private static final int[] STEP = {
        0, -1, +1, 0,
        +1, 0, 0, -1,
        -1, 0, 0, +1,
        0, +1, -1, 0,
    };
    /** Both pins changed between two polls: a transition was missed and the direction is unknown. */
    private static final boolean[] MISSED = {
        false, false, false, true,
        false, false, true, false,
        false, true, false, false,
        true, false, false, false,
    };
    private final DigitalInput a;
    private final DigitalInput b;
    private final double radiansPerCount;
    private final String description;
    private int state = -1;
    private volatile long count;
    private volatile long missed;
    private volatile String failure;

    QuadratureEncoder(DigitalInput a, DigitalInput b, int countsPerRev, boolean reverse) {
        this.a = a;
        this.b = b;
        this.radiansPerCount = (reverse ? -2 : 2) * Math.PI / countsPerRev;
        this.description = "quadrature encoder on GPIO" + a.address() + " (A) / GPIO" + b.address() + " (B), "
            + countsPerRev + " counts/rev";
    }

    /** Reads both pins once and counts the transition since the last poll. Poller thread only. */
    void poll() {
        int now;
        try {
            now = (a.isHigh() ? 2 : 0) | (b.isHigh() ? 1 : 0);
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = "reading the pins failed: " + e.getMessage();
            }
            return;
        }
        if (failure != null) {
            failure = null;
        }
        if (state >= 0) {
            int index = state << 2 | now;
            int step = STEP[index];
            if (step != 0) {
                count = count + step; // single writer
            } else if (MISSED[index]) {
                missed = missed + 1;
            }
        }
        state = now;
    }

    long count() {
        return count;
    }

    /** Transitions where both pins changed between polls: the poller was too slow for the rolling speed. */
    long missedTransitions() {
        return missed;
    }

    @Override
    public double readRadians() {
        String why = failure;
        if (why != null) {
            throw new SensorException(description + ": " + why);
        }
        return count * radiansPerCount;
    }

    @Override
    public String describe() {
        return description;
    }

    // close(): nothing of our own; the pins are released when their Pi4J context shuts down.
}
