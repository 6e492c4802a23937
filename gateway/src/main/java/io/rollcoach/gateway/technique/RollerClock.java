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

    /** @return seconds since the first sample */
    double advance(long timeUs) {
        if (!started) {
            started = true;
            lastTimeUs = timeUs;
            return micros * MICRO;
        }
        long delta = (timeUs - lastTimeUs) & 0xFFFF_FFFFL;
        lastTimeUs = timeUs;
        if (delta >= BACKWARDS_US) {
            delta = 0; // the roller's clock went back (it restarted): keep our timeline going
        }
        micros += delta;
        return micros * MICRO;
    }

    /** The roller restarted (a HELLO): its next sample's time is a new baseline. */
    void restart() {
        started = false;
    }
}
