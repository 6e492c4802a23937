package io.rollcoach.gateway.technique;

/**
 * The trigger point being worked: where it is (a slowly following mean of the stroke centres, so a point that
 * creeps a little stays the same point) and how long it has been worked.
 */
final class TriggerPoint {
    /** How far each new stroke centre pulls the spot: enough to follow a slow creep, too little to chase noise. */
    private static final double FOLLOW = 0.2;

    boolean active;
    boolean done;
    double spotMm;
    double dwellSeconds;
    int doneCount;
    int leftEarlyCount;

    void start(double spotMm, double alreadyWorkedSeconds) {
        active = true;
        done = false;
        this.spotMm = spotMm;
        dwellSeconds = Math.max(0, alreadyWorkedSeconds);
    }

    void follow(double centreMm) {
        spotMm += FOLLOW * (centreMm - spotMm);
    }

    void clear() {
        active = false;
        done = false;
        dwellSeconds = 0;
    }

    void resetCounts() {
        doneCount = 0;
        leftEarlyCount = 0;
    }
}
