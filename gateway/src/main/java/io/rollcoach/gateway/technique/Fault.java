package io.rollcoach.gateway.technique;

import io.rollcoach.protocol.feedback.Verdict;

/**
 * The state of one rule whose faults persist (stroke, coverage, load, cadence, hold): a fault is said when it
 * starts, again at most every {@code repeatSeconds} while it lasts, and an {@code ok} is due once it is mended.
 * Coaching, not a flood.
 */
final class Fault {
    private Verdict active;
    private double lastSaid = Double.NEGATIVE_INFINITY;

    /** The rule judged {@code verdict} now: true when it should be said. */
    boolean judge(Verdict verdict, double now, double repeatSeconds) {
        if (verdict != active) {
            active = verdict;
            lastSaid = now;
            return true;
        }
        if (now - lastSaid >= repeatSeconds) {
            lastSaid = now;
            return true;
        }
        return false;
    }

    /** The rule is satisfied now: true when a fault was active, so an {@code ok} should be said. */
    boolean mend() {
        if (active == null) {
            return false;
        }
        active = null;
        return true;
    }

    /** Forget without saying ok (contact ended, new step). */
    void clear() {
        active = null;
        lastSaid = Double.NEGATIVE_INFINITY;
    }

    boolean isActive() {
        return active != null;
    }

    Verdict active() {
        return active;
    }
}
