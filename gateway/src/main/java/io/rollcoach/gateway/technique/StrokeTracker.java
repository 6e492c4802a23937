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
    private double lastStrokeSeconds = Double.NaN;
    private double startedAt;
    /** Where and when the furthest point last moved on by a reversal distance: noise alone never moves it. */
    private double advanceMark;
    private double advancedAt;

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
        lastStrokeSeconds = Double.NaN;
        reversed = false;
        strokeCompleted = false;
    }

    /** Travel has begun: the roller has gone at least {@code reversalMm} one way since contact. */
    boolean moving() {
        return direction != 0;
    }

    /** At least one reversal since contact. */
    boolean hasTurned() {
        return hasReversal;
    }

    /** How far the roller went one way since contact, before any reversal. */
    double travelMm() {
        return direction == 0 ? 0 : Math.abs(extreme - anchor);
    }

    /** How long the last whole stroke of this contact took, turn to turn, or NaN before one. */
    double lastStrokeSeconds() {
        return lastStrokeSeconds;
    }

    /** When the last reversal was, or when travel began if there was none. */
    double lastTurnTime() {
        return hasReversal ? lastReversalTime : startedAt;
    }

    /**
     * Still going one way: at least two reversal distances since the last turn, with a new furthest point within
     * {@code withinSeconds}. A slow stroke is this; a hold after a stroke is not.
     */
    boolean progressing(double now, double withinSeconds) {
        if (direction == 0) {
            return false;
        }
        double from = hasReversal ? lastReversalPosition : anchor;
        return Math.abs(extreme - from) >= 2 * reversalMm && now - advancedAt <= withinSeconds;
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
                startedAt = time;
                advanceMark = positionMm;
                advancedAt = time;
            }
        } else if (direction > 0) {
            if (positionMm > extreme) {
                extreme = positionMm;
                extremeTime = time;
                noteAdvance(time);
            } else if (extreme - positionMm >= reversalMm) {
                onReversal(extreme, extremeTime);
                direction = -1;
                extreme = positionMm;
                extremeTime = time;
                advanceMark = positionMm;
                advancedAt = time;
            }
        } else {
            if (positionMm < extreme) {
                extreme = positionMm;
                extremeTime = time;
                noteAdvance(time);
            } else if (positionMm - extreme >= reversalMm) {
                onReversal(extreme, extremeTime);
                direction = 1;
                extreme = positionMm;
                extremeTime = time;
                advanceMark = positionMm;
                advancedAt = time;
            }
        }
    }

    private void noteAdvance(double time) {
        if (Math.abs(extreme - advanceMark) >= reversalMm) {
            advanceMark = extreme;
            advancedAt = time;
        }
    }

    private void onReversal(double position, double time) {
        reversed = true;
        if (hasReversal) {
            strokeCompleted = true;
            strokeLengthMm = Math.abs(position - lastReversalPosition);
            strokeCentreMm = (position + lastReversalPosition) / 2;
            strokeStartTime = lastReversalTime;
            lastStrokeSeconds = time - lastReversalTime;
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
