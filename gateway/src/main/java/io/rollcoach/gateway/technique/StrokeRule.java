package io.rollcoach.gateway.technique;

import io.rollcoach.protocol.feedback.FeedbackEvent;
import io.rollcoach.protocol.feedback.Rule;
import io.rollcoach.protocol.feedback.Severity;
import io.rollcoach.protocol.feedback.Verdict;

/** The guide's 1–2 in oscillation: each stroke's length against {@code stroke.minMm}–{@code stroke.maxMm}. */
final class StrokeRule extends JudgedRule {
    StrokeRule(Judging judging, Coach coach) {
        super(judging, coach, Rule.STROKE);
    }

    /** @return true when the stroke was within the band */
    boolean judge(double lengthMm, double t, double now) {
        TechniqueConfig c = judging.config;
        Verdict verdict = lengthMm < c.strokeMinMm() ? Verdict.TOO_SHORT
            : lengthMm > c.strokeMaxMm() ? Verdict.TOO_LONG : null;
        int outcome = steady.judgeStroke(verdict, now);
        boolean inches = judging.inches();
        if (outcome == Steady.SAY || outcome == Steady.REPEAT) {
            boolean tooLong = verdict == Verdict.TOO_LONG;
            FeedbackEvent e = event(verdict, Severity.WARN, lengthMm, t);
            Text.lengthBeyond(e.message.append(tooLong ? "Shorter strokes: " : "Longer strokes: "), lengthMm, tooLong,
                inches).append(inches ? "; roll 1-2 in on and off the spot." : "; roll 2.5-5 cm on and off the spot.");
            Words.length(e.speech.append(tooLong ? "Shorter strokes. That was " : "Longer strokes. That was "),
                lengthMm, inches, tooLong, said(tooLong, inches))
                .append(inches ? ". Roll one to two inches." : ". Roll two and a half to five centimetres.");
            sendFault(e, outcome);
        } else if (outcome == Steady.MENDED) {
            FeedbackEvent e = event(Verdict.OK, Severity.GOOD, lengthMm, t);
            Text.length(e.message.append("Stroke length good: "), lengthMm, inches).append('.');
            e.speech.append("Good stroke length.");
            judging.out.send();
        }
        return verdict == null;
    }

    private FeedbackEvent event(Verdict verdict, Severity severity, double lengthMm, double t) {
        TechniqueConfig c = judging.config;
        return measured(verdict, severity, t, lengthMm, "mm", c.strokeMinMm(), c.strokeMaxMm());
    }

    /** The end of the band the advice names ("one to two inches", "two and a half to five centimetres"), in mm. */
    private static double said(boolean tooLong, boolean inches) {
        return inches ? (tooLong ? 2 : 1) * TechniqueConfig.INCH_MM : tooLong ? 50 : 25;
    }

    @Override
    int rank(Verdict verdict) {
        return 4;
    }
}
