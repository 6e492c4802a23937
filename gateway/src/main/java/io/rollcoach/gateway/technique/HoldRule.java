package io.rollcoach.gateway.technique;

import io.rollcoach.protocol.feedback.FeedbackEvent;
import io.rollcoach.protocol.feedback.Rule;
import io.rollcoach.protocol.feedback.Severity;
import io.rollcoach.protocol.feedback.Verdict;

/**
 * The guide asks for oscillation on and off a point, not pressure alone: loaded and within
 * {@code hold.toleranceMm} for {@code hold.seconds} is holding. The vocabulary has no "hold ok": moving again
 * clears it without a word.
 */
final class HoldRule extends JudgedRule {
    HoldRule(Judging judging, Coach coach) {
        super(judging, coach, Rule.HOLD);
    }

    /**
     * @param stillMm    the span moved over the last {@code hold.seconds}
     * @param slowTurn   the person is rolling, only too slowly: that is the cadence's advice, not a hold
     */
    void judge(double stillMm, boolean windowFull, boolean slowTurn, double t, double now) {
        TechniqueConfig c = judging.config;
        if (!windowFull) {
            return;
        }
        if (stillMm < c.holdToleranceMm() && !slowTurn) {
            int outcome = steady.judgeTime(Verdict.STILL, now);
            if (outcome == Steady.SAY || outcome == Steady.REPEAT) {
                FeedbackEvent e = judging.begin(Rule.HOLD, Verdict.STILL, Severity.WARN, t);
                e.value = stillMm;
                e.unit = "mm";
                e.min = c.holdToleranceMm();
                boolean inches = judging.inches();
                e.message.append(inches ? "Don't just hold: oscillate 1-2 in on and off the spot."
                    : "Don't just hold: oscillate 2.5-5 cm on and off the spot.");
                e.speech.append(inches ? "Don't just hold. Roll one to two inches on and off the spot."
                    : "Don't just hold. Roll two and a half to five centimetres on and off the spot.");
                sendFault(e, outcome);
            }
        } else {
            steady.clear();
        }
    }

    @Override
    int rank(Verdict verdict) {
        return 3;
    }
}
