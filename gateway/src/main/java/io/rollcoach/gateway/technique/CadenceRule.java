package io.rollcoach.gateway.technique;

import io.rollcoach.protocol.feedback.FeedbackEvent;
import io.rollcoach.protocol.feedback.Rule;
import io.rollcoach.protocol.feedback.Severity;
import io.rollcoach.protocol.feedback.Verdict;

/** Strokes a minute against {@code cadence.minPerMin}–{@code cadence.maxPerMin}. */
final class CadenceRule extends JudgedRule {
    private Verdict latest;

    CadenceRule(Judging judging, Coach coach) {
        super(judging, coach, Rule.CADENCE);
    }

    /** Judged at each reversal, or while a stroke takes longer than the slowest pace allows. */
    boolean judge(double perMinute, double t, double now) {
        TechniqueConfig c = judging.config;
        Verdict verdict = perMinute > c.cadenceMaxPerMinute() ? Verdict.TOO_FAST
            : perMinute < c.cadenceMinPerMinute() ? Verdict.TOO_SLOW : null;
        latest = verdict;
        int outcome = steady.judgeStroke(verdict, now);
        if (outcome == Steady.SAY || outcome == Steady.REPEAT) {
            boolean fast = verdict == Verdict.TOO_FAST;
            FeedbackEvent e = event(verdict, Severity.WARN, perMinute, t);
            Text.wholeBeyond(e.message.append(fast ? "Slow down: " : "Keep it moving: "), perMinute,
                fast ? c.cadenceMaxPerMinute() : c.cadenceMinPerMinute(), fast).append(" strokes a minute; aim for ");
            Text.whole(e.message, c.cadenceMinPerMinute()).append('-');
            Text.whole(e.message, c.cadenceMaxPerMinute()).append('.');
            e.speech.append(fast ? "Slow down. Aim for " : "Keep it moving. Aim for ");
            Words.number(e.speech, Math.round(c.cadenceMinPerMinute())).append(" to ");
            Words.number(e.speech, Math.round(c.cadenceMaxPerMinute())).append(" strokes a minute.");
            sendFault(e, outcome);
        } else if (outcome == Steady.MENDED) {
            FeedbackEvent e = event(Verdict.OK, Severity.GOOD, perMinute, t);
            Text.whole(e.message.append("Pace good: "), perMinute).append(" strokes a minute.");
            e.speech.append("Good pace.");
            judging.out.send();
        }
        return verdict == null;
    }

    private FeedbackEvent event(Verdict verdict, Severity severity, double perMinute, double t) {
        TechniqueConfig c = judging.config;
        return measured(verdict, severity, t, perMinute, "/min", c.cadenceMinPerMinute(), c.cadenceMaxPerMinute());
    }

    /** Rolling too slowly, by the latest judgement or the fault said: a slow turn is then no hold. */
    boolean tooSlow() {
        return latest == Verdict.TOO_SLOW || steady.active() == Verdict.TOO_SLOW;
    }

    @Override
    void clear() {
        super.clear();
        latest = null;
    }

    @Override
    int rank(Verdict verdict) {
        return 7;
    }
}
