package io.rollcoach.gateway.technique;

import io.rollcoach.protocol.feedback.FeedbackEvent;
import io.rollcoach.protocol.feedback.Rule;
import io.rollcoach.protocol.feedback.Severity;
import io.rollcoach.protocol.feedback.Verdict;

/**
 * A habit: pushing one way under load and lifting the leg (or dragging the roller, barely loaded) to come back.
 * It works the tissue in one direction only, so such strokes earn no credit. Found two ways: a contact that
 * travelled at least a short stroke one way and ended in a lift, without a single turn; or a stroke whose way
 * back carried less than {@link #DRAG_SHARE} of the pressure of the way out.
 */
final class OneWayRule extends JudgedRule {
    /** A return carrying under 60% of the push's average force is a drag; a steady roll keeps both within 10%. */
    static final double DRAG_SHARE = 0.6;

    OneWayRule(Judging judging, Coach coach) {
        super(judging, coach, Rule.STROKE);
    }

    /** A contact ended in a lift after travelling {@code travelMm} one way without a turn. */
    boolean judgeLift(double travelMm, double t, double now) {
        return judge(Verdict.ONE_WAY, travelMm, "mm", false, t, now);
    }

    /** A completed stroke: its way back carried {@code share} of the way out's force (1: the same). */
    boolean judgeStroke(double share, double t, double now) {
        return judge(share < DRAG_SHARE ? Verdict.ONE_WAY : null, 100 * share, "%", true, t, now);
    }

    private boolean judge(Verdict verdict, double value, String unit, boolean dragged, double t, double now) {
        int outcome = steady.judgeStroke(verdict, now);
        boolean inches = judging.inches();
        if (outcome == Steady.SAY || outcome == Steady.REPEAT) {
            FeedbackEvent e = judging.begin(Rule.STROKE, Verdict.ONE_WAY, Severity.WARN, t);
            e.value = value;
            e.unit = unit;
            if (dragged) {
                e.min = 100 * DRAG_SHARE;
                Text.beyond(e.message.append("Roll both ways with the same weight: the way back carried "), value,
                    false, 0).append("% of the push.");
                e.speech.append("Roll both ways with the same weight. Keep pressing on the way back.");
            } else {
                e.message.append(inches ? "Roll both ways: keep the leg on the roller on the way back, 1-2 in each way."
                    : "Roll both ways: keep the leg on the roller on the way back, 2.5-5 cm each way.");
                e.speech.append("Roll both ways. Keep your leg on the roller on the way back.");
            }
            sendFault(e, outcome);
        } else if (outcome == Steady.MENDED) {
            FeedbackEvent e = judging.begin(Rule.STROKE, Verdict.OK, Severity.GOOD, t);
            e.message.append("Rolling both ways now.");
            e.speech.append("Good, rolling both ways.");
            judging.out.send();
        }
        return verdict == null;
    }

    @Override
    int rank(Verdict verdict) {
        return 2;
    }
}
