package io.rollcoach.gateway.technique;

import io.rollcoach.protocol.feedback.FeedbackEvent;
import io.rollcoach.protocol.feedback.Rule;
import io.rollcoach.protocol.feedback.Severity;
import io.rollcoach.protocol.feedback.Verdict;

/**
 * The trigger point being worked (the guide's 15 s each): where it is (a slowly following mean of the stroke
 * centres, so a point that creeps a little stays the same point), how long it has been worked (credited time
 * only), and what is said when it starts, is done or is left early.
 */
final class TriggerPoint {
    /** How far each new stroke centre pulls the spot: enough to follow a slow creep, too little to chase noise. */
    private static final double FOLLOW = 0.2;

    private final Judging judging;
    boolean active;
    boolean done;
    double spotMm;
    double dwellSeconds;
    int doneCount;
    int leftEarlyCount;

    TriggerPoint(Judging judging) {
        this.judging = judging;
    }

    /** A judged stroke centred here: the same point, a creep of it, or another point. */
    void locate(double centreMm, double t) {
        TechniqueConfig c = judging.config;
        if (!active) {
            begin(centreMm, t, false);
            return;
        }
        double distance = Math.abs(centreMm - spotMm);
        if (distance > c.triggerPointOtherMm()) {
            if (!done) {
                leftEarly(t, false);
            }
            begin(centreMm, t, false);
        } else if (distance <= c.triggerPointSameMm()) {
            spotMm += FOLLOW * (centreMm - spotMm);
        }
        // between the two: still this point, but too far to pull it
    }

    /** A short press: a point here, unless this is the one being worked. */
    void mark(double positionMm, double t) {
        if (active && !done && Math.abs(positionMm - spotMm) <= judging.config.triggerPointSameMm()) {
            return; // already on it
        }
        if (active && !done) {
            leftEarly(t, false);
        }
        begin(positionMm, t, true);
    }

    void begin(double atMm, double t, boolean marked) {
        active = true;
        done = false;
        spotMm = atMm;
        dwellSeconds = 0;
        TechniqueConfig c = judging.config;
        FeedbackEvent e = judging.begin(Rule.TRIGGER_POINT, Verdict.STARTED, Severity.INFO, t);
        e.value = atMm;
        e.unit = "mm";
        e.min = c.triggerPointSeconds();
        e.message.append(marked ? "Point marked: work it " : "On a point: work it ");
        Text.whole(e.message, c.triggerPointSeconds()).append(" s.");
        Words.number(e.speech.append("Work this point for "), Math.round(c.triggerPointSeconds())).append(" seconds.");
        judging.out.send();
    }

    /** Good work on the point: it is done once it has had {@code triggerPoint.seconds}. */
    void credit(double seconds, double t) {
        if (!active) {
            return;
        }
        dwellSeconds += seconds;
        if (!done && dwellSeconds >= judging.config.triggerPointSeconds()) {
            done = true;
            doneCount++;
            FeedbackEvent e = judging.begin(Rule.TRIGGER_POINT, Verdict.DONE, Severity.GOOD, t);
            e.value = dwellSeconds;
            e.unit = "s";
            e.min = judging.config.triggerPointSeconds();
            Text.beyond(e.message.append("Point done: "), dwellSeconds, false, 0).append(" s of good rolling.");
            e.speech.append("Point done.");
            if (!judging.progress.stepFinished()) {
                // once the step is done the person was told to long-press: another spot would contradict it
                e.message.append(" On to the next tender spot.");
                e.speech.append(" On to the next tender spot.");
            }
            judging.out.send();
            judging.link.cue(RollerLink.CUE_GOOD, 150);
        }
    }

    /** The leg came off the roller: a point not yet done was left early. */
    void lifted(double t) {
        if (active && !done) {
            leftEarly(t, true);
        }
        clear();
    }

    private void leftEarly(double t, boolean lifted) {
        leftEarlyCount++;
        double target = judging.config.triggerPointSeconds();
        FeedbackEvent e = judging.begin(Rule.TRIGGER_POINT, Verdict.LEFT_EARLY, Severity.WARN, t);
        e.value = dwellSeconds;
        e.unit = "s";
        e.min = target;
        // credited time, as the task line counts it ("On this point: 8 of 15 s"): the seconds spent rolling badly
        // there are not "after 8 s", and saying them would contradict what the person just heard
        e.message.append(lifted ? "Lifted off the point with " : "Left the point with ");
        int d = Text.apart(dwellSeconds, target, false, 0);
        Text.beyond(e.message, dwellSeconds, false, d).append(" of its ");
        Text.whole(e.message, target).append(" s done: stay on each point until it is done.");
        long heard = (long) Math.floor(dwellSeconds + 1e-9);
        Words.number(e.speech.append(lifted ? "Lifted off the point with " : "Left the point with "), heard);
        Words.number(e.speech.append(" of its "), Math.round(target))
            .append(" seconds done. Stay on each point until it is done.");
        judging.out.send();
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
