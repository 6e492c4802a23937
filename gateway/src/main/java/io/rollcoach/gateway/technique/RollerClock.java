package io.rollcoach.gateway.technique;

/**
 * The roller's clock as a timeline in seconds: its 32-bit microsecond counter unwrapped, and a clock that went back
 * (the roller restarted) continued rather than rewound, so a capture judged later gives the same times as live.
 */
final class RollerClock {
    private static final long BACKWARDS_US = 1L << 31;
    private static final double MICRO = 1e-6;

    private boolean started;
    private long lastTimeUs;
    private long micros;
    private boolean broke;

    /** @return seconds since the first sample */
    double advance(long timeUs) {
        broke = false;
        if (!started) {
            started = true;
            broke = micros > 0;
            lastTimeUs = timeUs;
            return micros * MICRO;
        }
        long delta = (timeUs - lastTimeUs) & 0xFFFF_FFFFL;
        lastTimeUs = timeUs;
        if (delta >= BACKWARDS_US) {
            delta = 0; // the roller's clock went back (it restarted): keep our timeline going
            broke = true;
        }
        micros += delta;
        return micros * MICRO;
    }

    /** The last sample's time did not follow on (a restart, a clock that went back): how long passed is unknown. */
    boolean broke() {
        return broke;
    }

    /** The roller restarted (a HELLO): its next sample's time is a new baseline. */
    void restart() {
        started = false;
    }
}
