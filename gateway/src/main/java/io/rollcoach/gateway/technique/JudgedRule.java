package io.rollcoach.gateway.technique;

import io.rollcoach.protocol.feedback.FeedbackEvent;
import io.rollcoach.protocol.feedback.Rule;
import io.rollcoach.protocol.feedback.Severity;
import io.rollcoach.protocol.feedback.Verdict;

/**
 * A technique rule whose fault persists while the person keeps doing it (stroke, coverage, load, cadence, hold,
 * one-way): its steadiness, and the coach's copy of what it last said, so the coach can make it the focus.
 */
abstract class JudgedRule {
    final Judging judging;
    final Rule rule;
    final Steady steady;
    final Coach.Slot slot;

    JudgedRule(Judging judging, Coach coach, Rule rule) {
        this.judging = judging;
        this.rule = rule;
        this.steady = new Steady(judging.config);
        this.slot = coach.slot(this);
    }

    void configure(TechniqueConfig config) {
        steady.configure(config);
    }

    /** Forgets the rule's state without a word (contact ended, a new session). */
    void clear() {
        steady.clear();
    }

    /** The latest judgement failed: no time is credited. */
    boolean failing() {
        return steady.failing();
    }

    /** Ranks the active fault for the coach's focus: lower is said first (docs/rules.md, "The focus"). */
    abstract int rank(Verdict verdict);

    /** A measured value against its band ({@code NaN}: an open end); write message and speech next. */
    FeedbackEvent measured(Verdict verdict, Severity severity, double t, double value, String unit, double min,
                           double max) {
        FeedbackEvent e = judging.begin(rule, verdict, severity, t);
        e.value = value;
        e.unit = unit;
        e.min = min;
        e.max = max;
        return e;
    }

    /** Sends a fault's event, lets the coach keep it and asks the roller to buzz. */
    void sendFault(FeedbackEvent e, int outcome) {
        slot.record(e, outcome == Steady.SAY);
        judging.out.send();
        judging.link.cue(RollerLink.CUE_ADJUST, 200);
    }
}
