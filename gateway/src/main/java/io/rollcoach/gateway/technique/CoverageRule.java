package io.rollcoach.gateway.technique;

import io.rollcoach.protocol.feedback.FeedbackEvent;
import io.rollcoach.protocol.feedback.Rule;
import io.rollcoach.protocol.feedback.Severity;
import io.rollcoach.protocol.feedback.Verdict;

/** The guide's "about 3 in of tissue at a time": the span worked over the last {@code coverage.windowS}. */
final class CoverageRule extends JudgedRule {
    CoverageRule(Judging judging, Coach coach) {
        super(judging, coach, Rule.COVERAGE);
    }

    /** Judged at each reversal. @return true when within the guide */
    boolean judge(double extentMm, double t, double now) {
        double max = judging.config.coverageMaxMm();
        Verdict verdict = extentMm > max ? Verdict.TOO_WIDE : null;
        int outcome = steady.judgeStroke(verdict, now);
        boolean inches = judging.inches();
        if (outcome == Steady.SAY || outcome == Steady.REPEAT) {
            FeedbackEvent e = measured(Verdict.TOO_WIDE, Severity.WARN, t, extentMm, "mm", Double.NaN, max);
            Text.lengthBeyond(e.message.append("Stay on one spot: "), extentMm, true, inches)
                .append(inches ? " covered; keep to about 3 in." : " covered; keep to about 7.5 cm.");
            Words.length(e.speech.append("Stay on one spot. You covered "), extentMm, inches, true,
                    inches ? 3 * TechniqueConfig.INCH_MM : 75)
                .append(inches ? "; keep to about three inches." : "; keep to about seven and a half centimetres.");
            sendFault(e, outcome);
        } else if (outcome == Steady.MENDED) {
            FeedbackEvent e = measured(Verdict.OK, Severity.GOOD, t, extentMm, "mm", Double.NaN, max);
            Text.length(e.message.append("Good: working "), extentMm, inches).append(" of tissue.");
            e.speech.append("Good, staying on one spot.");
            judging.out.send();
        }
        return verdict == null;
    }

    @Override
    int rank(Verdict verdict) {
        return 5;
    }
}
