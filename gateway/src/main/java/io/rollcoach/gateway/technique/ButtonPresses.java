package io.rollcoach.gateway.technique;

/**
 * Tells short and long presses of the roller's button. The EVENT frame is the roller's word for a press; the held
 * flag in the samples is a second witness, so a press whose EVENT frame was lost still counts, and one seen both
 * ways counts once. Codes: 1 short, 2 long, 0 nothing to act on.
 */
final class ButtonPresses {
    /** A press held this long (by the samples' button flag) is a long press, as the firmware counts it. */
    static final double LONG_PRESS_S = 0.6;
    /** How long after a release the EVENT frame may still come before the flag alone decides. */
    static final double EVENT_GRACE_S = 0.25;

    private boolean held;
    private double heldSince;
    private boolean eventDuringHold;
    private int pending;
    private double pendingAt;
    private double flagActedAt = Double.NEGATIVE_INFINITY;

    /** Each sample's flags: the press the flags alone decide, once the grace for its EVENT frame is over. */
    int onFlags(int flags, double now) {
        boolean down = (flags & 1) != 0;
        if (down && !held) {
            held = true;
            heldSince = now;
            eventDuringHold = false;
        } else if (!down && held) {
            held = false;
            if (!eventDuringHold) {
                pending = now - heldSince >= LONG_PRESS_S ? 2 : 1;
                pendingAt = now;
            }
        }
        if (pending != 0 && now - pendingAt >= EVENT_GRACE_S) {
            int code = pending;
            pending = 0;
            flagActedAt = now;
            return code;
        }
        return 0;
    }

    /** An EVENT frame: the press to act on, or 0 when the flags already did. */
    int onEvent(int code, double now) {
        if (held) {
            eventDuringHold = true;
        } else if (pending != 0) {
            pending = 0;
        } else if (now - flagActedAt < EVENT_GRACE_S * 4) {
            return 0;
        }
        return code;
    }
}
