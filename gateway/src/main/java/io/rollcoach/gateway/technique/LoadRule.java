package io.rollcoach.gateway.technique;

import io.rollcoach.protocol.feedback.FeedbackEvent;
import io.rollcoach.protocol.feedback.Rule;
import io.rollcoach.protocol.feedback.Severity;
import io.rollcoach.protocol.feedback.Verdict;

/**
 * Pressure on the roller: a one-second average of the force against the band (a share of body weight when it is
 * known). Said in kilograms (pounds where the person uses inches) and as a share of their weight; MQTT's value
 * stays in newtons.
 */
final class LoadRule extends JudgedRule {
    /** Time constant of the force average judged for load: long enough to ride over each stroke's swing. */
    static final double LOAD_TAU_S = 1.0;
    /** Load must come this far back inside its band before it counts as mended (no flicker at the edge). */
    static final double LOAD_MEND_MARGIN = 0.05;

    double average;

    LoadRule(Judging judging, Coach coach) {
        super(judging, coach, Rule.LOAD);
    }

    void start(double forceNewtons) {
        average = forceNewtons;
    }

    /** Every loaded sample while bearing weight; judged once the contact has settled. */
    void judge(double forceNewtons, double credit, double sinceContact, double t, double now) {
        average += (forceNewtons - average) * Math.min(1, credit * (1 / LOAD_TAU_S)); // constant folded: no divide
        TechniqueConfig c = judging.config;
        if (sinceContact < c.loadSettleSeconds()) {
            return;
        }
        double min = c.loadMinBandNewtons();
        double max = c.loadMaxBandNewtons();
        Verdict verdict = average < min ? Verdict.TOO_LIGHT : average > max ? Verdict.TOO_HEAVY : null;
        Verdict active = steady.active();
        if (verdict == null && active != null
            && (average < min * (1 + LOAD_MEND_MARGIN) || average > max * (1 - LOAD_MEND_MARGIN))) {
            verdict = active; // back in the band, but only just
        }
        int outcome = steady.judgeTime(verdict, now);
        if (outcome == Steady.SAY || outcome == Steady.REPEAT) {
            boolean heavy = verdict == Verdict.TOO_HEAVY;
            FeedbackEvent e = measured(verdict, Severity.WARN, t, average, "N", min, max);
            describe(e, heavy ? "Ease off: " : "More weight: ", heavy, min, max);
            sendFault(e, outcome);
        } else if (outcome == Steady.MENDED) {
            FeedbackEvent e = measured(Verdict.OK, Severity.GOOD, t, average, "N", min, max);
            e.message.append("Pressure good: ");
            boolean pounds = judging.inches();
            Text.whole(e.message, Text.weight(average, pounds)).append(Text.weightUnit(pounds));
            if (c.bodyWeightKg() > 0) {
                Text.whole(e.message.append(", "), share(average)).append("% of your weight");
            }
            e.message.append('.');
            e.speech.append("Good pressure.");
            judging.out.send();
        }
    }

    /**
     * "Ease off: 61 kg on the roller; aim for 8-46 kg." or, with body weight, "Ease off: 61 kg, 81% of your weight;
     * aim for 15-60%.": the value rounded away from the bound it missed.
     */
    private void describe(FeedbackEvent e, String lead, boolean heavy, double min, double max) {
        TechniqueConfig c = judging.config;
        boolean pounds = judging.inches();
        StringBuilder m = e.message.append(lead);
        double weight = Text.weight(average, pounds);
        double bound = Text.weight(heavy ? max : min, pounds);
        int d = Text.apart(weight, bound, heavy, 0);
        Text.beyond(m, weight, heavy, d).append(Text.weightUnit(pounds));
        StringBuilder s = e.speech.append(heavy ? "Ease off. " : "More weight on the roller. ");
        if (c.bodyWeightKg() > 0) {
            double percent = share(average);
            double percentBound = 100 * (heavy ? c.loadMaxFraction() : c.loadMinFraction());
            int p = Text.apart(percent, percentBound, heavy, 0);
            Text.beyond(m.append(", "), percent, heavy, p).append("% of your weight; aim for ");
            Text.fixed(m, 100 * c.loadMinFraction(), p).append('-');
            Text.fixed(m, 100 * c.loadMaxFraction(), p).append("%.");
            spokenBeyond(s.append("You have "), percent, percentBound, heavy)
                .append(" percent of your weight on it; aim for ");
            Words.number(s, Math.round(100 * c.loadMinFraction())).append(" to ");
            Words.number(s, Math.round(100 * c.loadMaxFraction())).append(" percent.");
        } else {
            m.append(" on the roller; aim for ");
            Text.fixed(m, Text.weight(min, pounds), d).append('-');
            Text.fixed(m, Text.weight(max, pounds), d).append(Text.weightUnit(pounds)).append('.');
            spokenBeyond(s.append("You have "), weight, bound, heavy)
                .append(pounds ? " pounds on it; aim for " : " kilos on it; aim for ");
            Words.number(s, Math.round(Text.weight(min, pounds))).append(" to ");
            Words.number(s, Math.round(Text.weight(max, pounds))).append(pounds ? " pounds." : " kilos.");
        }
    }

    /** Whole numbers in words, rounded away from the bound; "just over forty six" where they would meet. */
    private static StringBuilder spokenBeyond(StringBuilder s, double value, double bound, boolean above) {
        long v = above ? (long) Math.ceil(value - 1e-9) : (long) Math.floor(value + 1e-9);
        long b = Math.round(bound);
        if (above ? v > b : v < b) {
            return Words.number(s, v);
        }
        return Words.number(s.append(above ? "just over " : "just under "), b);
    }

    private double share(double newtons) {
        return 100 * newtons / (judging.config.bodyWeightKg() * Text.NEWTONS_PER_KG);
    }

    @Override
    int rank(Verdict verdict) {
        return verdict == Verdict.TOO_HEAVY ? 1 : 6; // too much pressure is the one that can hurt
    }
}
