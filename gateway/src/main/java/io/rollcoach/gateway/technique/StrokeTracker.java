package io.rollcoach.gateway.technique;

/**
 * Finds reversals of direction in the position along the tissue, and the strokes between them. A reversal counts
 * once the roller has come back {@code reversalMm} from its furthest point, so sensor noise makes none. The travel
 * from contact to the first reversal is no stroke; neither is the travel after the last one (the caller resets at
 * lift-off). Keeps the last reversal times for cadence. Allocates nothing.
 */
final class StrokeTracker {
    private static final int CADENCE_REVERSALS = 8;
    /** Reversals older than this do not count towards cadence. */
    static final double CADENCE_WINDOW_S = 30;

    private final double[] reversalTimes = new double[CADENCE_REVERSALS];
    private int reversalCount;
    private double reversalMm;
    private int direction;
    private double anchor;
    private double extreme;
    private double extremeTime;
    private boolean hasReversal;
    private double lastReversalPosition;
    private double lastReversalTime;

    /** Set by {@link #update}: a reversal was found at this sample. */
    boolean reversed;
    /** Set by {@link #update}: a stroke ended at this sample. */
    boolean strokeCompleted;
    double strokeLengthMm;
    double strokeCentreMm;
    /** When the stroke that just ended began (the previous reversal), seconds. */
    double strokeStartTime;

    StrokeTracker(double reversalMm) {
        this.reversalMm = reversalMm;
    }

    void reversalMm(double value) {
        reversalMm = value;
    }

    /** Starts afresh at contact (or after a lift-off) from this position. */
    void restart(double positionMm) {
        direction = 0;
        anchor = positionMm;
        hasReversal = false;
        reversed = false;
        strokeCompleted = false;
    }

    /** Forgets cadence history too: a new session or a long lift. */
    void clearCadence() {
        reversalCount = 0;
    }

    void update(double positionMm, double time) {
        reversed = false;
        strokeCompleted = false;
        if (direction == 0) {
            if (Math.abs(positionMm - anchor) >= reversalMm) {
                direction = positionMm > anchor ? 1 : -1;
                extreme = positionMm;
                extremeTime = time;
            }
        } else if (direction > 0) {
            if (positionMm > extreme) {
                extreme = positionMm;
                extremeTime = time;
            } else if (extreme - positionMm >= reversalMm) {
                onReversal(extreme, extremeTime);
                direction = -1;
                extreme = positionMm;
                extremeTime = time;
            }
        } else {
            if (positionMm < extreme) {
                extreme = positionMm;
                extremeTime = time;
            } else if (positionMm - extreme >= reversalMm) {
                onReversal(extreme, extremeTime);
                direction = 1;
                extreme = positionMm;
                extremeTime = time;
            }
        }
    }

    private void onReversal(double position, double time) {
        reversed = true;
        if (hasReversal) {
            strokeCompleted = true;
            strokeLengthMm = Math.abs(position - lastReversalPosition);
            strokeCentreMm = (position + lastReversalPosition) / 2;
            strokeStartTime = lastReversalTime;
        }
        hasReversal = true;
        lastReversalPosition = position;
        lastReversalTime = time;
        reversalTimes[reversalCount % CADENCE_REVERSALS] = time;
        reversalCount++;
    }

    /** Strokes a minute over the recent reversals, or NaN while fewer than three are recent. */
    double cadencePerMinute(double now) {
        int available = Math.min(reversalCount, CADENCE_REVERSALS);
        int used = 0;
        double newest = Double.NaN;
        double oldest = Double.NaN;
        for (int i = 0; i < available; i++) {
            double t = reversalTimes[(reversalCount - 1 - i) % CADENCE_REVERSALS];
            if (now - t > CADENCE_WINDOW_S) {
                break;
            }
            if (used == 0) {
                newest = t;
            }
            oldest = t;
            used++;
        }
        if (used < 3 || newest <= oldest) {
            return Double.NaN;
        }
        return (used - 1) / (newest - oldest) * 60;
    }
}
