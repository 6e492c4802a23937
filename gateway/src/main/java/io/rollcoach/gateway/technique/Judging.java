package io.rollcoach.gateway.technique;

import io.rollcoach.protocol.feedback.FeedbackEvent;
import io.rollcoach.protocol.feedback.Rule;
import io.rollcoach.protocol.feedback.Severity;
import io.rollcoach.protocol.feedback.Verdict;

/** What every rule judges with and says through: the thresholds in force, the event emitter, the roller's cues. */
final class Judging {
    TechniqueConfig config;
    final EventEmitter out;
    final RollerLink link;
    final RoutineProgress progress;

    Judging(TechniqueConfig config, EventEmitter out, RollerLink link, RoutineProgress progress) {
        this.config = config;
        this.out = out;
        this.link = link;
        this.progress = progress;
    }

    boolean inches() {
        return "in".equals(config.units());
    }

    FeedbackEvent begin(Rule rule, Verdict verdict, Severity severity, double t) {
        return out.begin(rule, verdict, severity, t, progress.stepId());
    }
}
