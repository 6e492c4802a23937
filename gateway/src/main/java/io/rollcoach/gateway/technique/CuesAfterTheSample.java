package io.rollcoach.gateway.technique;

/**
 * The rules' cues (the roller's buzz) held until the engine's next sample or tick, then sent in order. A cue comes with
 * an event, and writing it down the serial port on the same sample wakes the port's driver (or socat) on two shared
 * cores while the event is on its way out: measured 0.08–0.1 ms on the event's median. A buzz 10 ms later (one sample
 * at 100 Hz) is not felt as late. Holds at most four; more in one sample are dropped (a rule says at most one a
 * sample). Roller thread only; allocates nothing.
 */
final class CuesAfterTheSample implements RollerLink {
    private static final int HOLD = 4;
    private final RollerLink link;
    private final int[] patterns = new int[HOLD];
    private final int[] durations = new int[HOLD];
    private int held;

    CuesAfterTheSample(RollerLink link) {
        this.link = link;
    }

    /** @return true when held for the next sample; false when four already wait */
    @Override
    public boolean cue(int pattern, int durationMs) {
        if (held == HOLD) {
            return false;
        }
        patterns[held] = pattern;
        durations[held] = durationMs;
        held++;
        return true;
    }

    /** Sends what is held, oldest first. */
    void send() {
        for (int i = 0; i < held; i++) {
            link.cue(patterns[i], durations[i]);
        }
        held = 0;
    }
}
