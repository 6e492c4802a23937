package io.rollcoach.gateway.technique;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.rollcoach.protocol.feedback.FeedbackEvent;
import io.rollcoach.protocol.feedback.Rule;
import io.rollcoach.protocol.feedback.Severity;
import io.rollcoach.protocol.feedback.Verdict;

/**
 * Where a session stands in the routine: the current step, loaded seconds per step and per tissue (across
 * lift-offs), repetitions, and the session's own start, end and length. Says the step, tissue and session events.
 * Times are event times: seconds since the session's first sample. Allocates nothing per sample.
 */
final class RoutineProgress {
    private final EventEmitter out;
    private final RollerLink link;
    private final SessionLedger ledger;
    private Routine routine;
    private TechniqueConfig config;

    private int[] tissueOfStep;
    private final boolean[] handsOn;
    private String[] tissueTitles;
    private double[] tissueTargets;
    final double[] tissueSeconds;
    final boolean[] tissueStarted;
    final boolean[] tissueDone;
    final double[] stepSeconds;
    final int[] stepRepetitions;
    final boolean[] stepDone;
    final boolean[] stepSkipped;

    boolean active;
    /** Counts sessions on this engine: with the wall-clock start, names a session for history. */
    int sessionNumber;
    long startedAtMillis;
    int step;
    double startedAt;
    double endedAt;
    String person = "default";
    private boolean tooLongSaid;
    /** Bumped on every change a summary should show at once. */
    int changes;

    RoutineProgress(Routine routine, TechniqueConfig config, EventEmitter out, RollerLink link, SessionLedger ledger) {
        this.out = out;
        this.link = link;
        this.ledger = ledger;
        int steps = routine.steps().size();
        stepSeconds = new double[steps];
        stepRepetitions = new int[steps];
        stepDone = new boolean[steps];
        stepSkipped = new boolean[steps];
        tissueOfStep = new int[steps];
        handsOn = new boolean[steps];
        List<String> keys = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        List<Double> targets = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            RoutineStep s = routine.steps().get(i);
            handsOn[i] = s.isHandsOn(); // known once: not a string compare per sample
            if (s.tissue() == null) {
                tissueOfStep[i] = -1;
                continue;
            }
            String key = s.tissue() + (s.leg().isEmpty() ? "" : "-" + s.leg());
            int index = keys.indexOf(key);
            if (index < 0) {
                index = keys.size();
                keys.add(key);
                titles.add(s.tissueTitle() + (s.leg().isEmpty() ? "" : ", " + s.leg() + " leg"));
                targets.add(routine.tissueTargets().get(s.tissue()));
            }
            tissueOfStep[i] = index;
        }
        tissueIds = keys.toArray(new String[0]);
        tissueTitles = titles.toArray(new String[0]);
        tissueTargets = new double[keys.size()];
        for (int i = 0; i < tissueTargets.length; i++) {
            tissueTargets[i] = targets.get(i);
        }
        tissueSeconds = new double[keys.size()];
        tissueStarted = new boolean[keys.size()];
        tissueDone = new boolean[keys.size()];
        this.routine = routine;
        this.config = config;
    }

    final String[] tissueIds;

    void config(TechniqueConfig config) {
        this.config = config;
    }

    Routine routine() {
        return routine;
    }

    int tissueCount() {
        return tissueIds.length;
    }

    String tissueTitle(int tissue) {
        return tissueTitles[tissue];
    }

    /** A tissue's target: the routine's when it sets one, else the config's tissue.seconds. */
    double tissueTarget(int tissue) {
        return Double.isNaN(tissueTargets[tissue]) ? config.tissueSeconds() : tissueTargets[tissue];
    }

    /** The current step's tissue index, or -1. */
    int currentTissue() {
        return active ? tissueOfStep[step] : -1;
    }

    RoutineStep current() {
        return active ? routine.steps().get(step) : null;
    }

    /** The current step's id for events, or null between sessions. */
    String stepId() {
        return active ? routine.steps().get(step).id() : null;
    }

    double sessionSeconds(double t) {
        return active ? t - startedAt : endedAt - startedAt;
    }

    void start(double t, String personName) {
        active = true;
        changes++;
        sessionNumber++;
        startedAtMillis = System.currentTimeMillis();
        person = personName;
        step = 0;
        startedAt = t;
        endedAt = t;
        tooLongSaid = false;
        Arrays.fill(stepSeconds, 0);
        Arrays.fill(stepRepetitions, 0);
        Arrays.fill(stepDone, false);
        Arrays.fill(stepSkipped, false);
        Arrays.fill(tissueSeconds, 0);
        Arrays.fill(tissueStarted, false);
        Arrays.fill(tissueDone, false);
        out.clearCounts();
        StringBuilder m = begin(Rule.SESSION, Verdict.STARTED, Severity.INFO, t, null).message;
        m.append("Session started: ").append(routine.steps().size()).append(" steps, about ");
        minutesRange(m).append(" for both legs.");
        StringBuilder said = out.event().speech.append("Session started. About ");
        Words.number(said, Math.round(routine.sessionMinSeconds() / 60)).append(" to ");
        Words.number(said, Math.round(routine.sessionMaxSeconds() / 60)).append(" minutes for both legs.");
        out.send();
        int today = ledger.sessionStarted(person);
        if (today > config.dailyLimit()) {
            FeedbackEvent e = begin(Rule.SESSION, Verdict.DAILY_LIMIT, Severity.WARN, t, stepId());
            e.value = today;
            e.max = config.dailyLimit();
            e.message.append("Session ").append(today).append(" today; the guide suggests up to ")
                .append(config.dailyLimit()).append(" a day.");
            Words.number(e.speech.append("Session "), today).append(" today. The guide suggests up to ");
            Words.number(e.speech, config.dailyLimit()).append(" a day.");
            out.send();
        }
        stepStarted(t);
    }

    /** Loaded time on the current step: credits the step and its tissue, says what is done. */
    void credit(double dt, double t) {
        if (!active) {
            return;
        }
        RoutineStep s = routine.steps().get(step);
        stepSeconds[step] += dt;
        int tissue = tissueOfStep[step];
        if (tissue >= 0) {
            if (!tissueStarted[tissue]) {
                tissueStarted[tissue] = true;
                FeedbackEvent e = begin(Rule.TISSUE, Verdict.STARTED, Severity.INFO, t, s.id());
                e.max = tissueTarget(tissue);
                e.unit = "s";
                e.message.append(tissueTitles[tissue]).append(": ");
                Text.whole(e.message, tissueTarget(tissue)).append(" s in all, across its steps.");
                Words.number(e.speech.append(tissueTitles[tissue]).append(". Give it "),
                    Math.round(tissueTarget(tissue))).append(" seconds in all.");
                out.send();
            }
            tissueSeconds[tissue] += dt;
            if (!tissueDone[tissue] && tissueSeconds[tissue] >= tissueTarget(tissue)) {
                tissueDone[tissue] = true;
                changes++;
                FeedbackEvent e = begin(Rule.TISSUE, Verdict.DONE, Severity.GOOD, t, s.id());
                e.value = tissueSeconds[tissue];
                e.unit = "s";
                e.min = tissueTarget(tissue);
                e.message.append(tissueTitles[tissue]).append(" has had its ");
                Text.whole(e.message, tissueTarget(tissue)).append(" s.");
                e.speech.append(tissueTitles[tissue]).append(" done.");
                out.send();
            }
        }
        if (!stepDone[step] && !handsOn[step] && stepSeconds[step] >= s.targetSeconds()) {
            stepDone(t);
        }
    }

    /** A completed stroke: a repetition on a hands-on step. */
    void repetition(double t) {
        if (!active) {
            return;
        }
        RoutineStep s = routine.steps().get(step);
        stepRepetitions[step]++;
        if (handsOn[step]) {
            changes++; // the summary carries the count a display shows for a hands-on step: send it now
            if (!stepDone[step] && stepRepetitions[step] >= Math.max(1, s.minRepetitions())) {
                stepDone(t);
            }
        }
    }

    /** The step in hand is the routine's last: a long press then ends the session. */
    boolean lastStep() {
        return step == routine.steps().size() - 1;
    }

    /** The step in hand is hands-on: its work is counted in repetitions across the tissue, not in points. */
    boolean handsOnStep() {
        return active && handsOn[step];
    }

    /** The step in hand has had its time or repetitions: what is said next is "long-press", not more work. */
    boolean stepFinished() {
        return active && stepDone[step];
    }

    private void stepDone(double t) {
        RoutineStep s = routine.steps().get(step);
        stepDone[step] = true;
        changes++;
        FeedbackEvent e = begin(Rule.STEP, Verdict.DONE, Severity.GOOD, t, s.id());
        if (s.isHandsOn()) {
            e.value = stepRepetitions[step];
            e.min = s.minRepetitions();
            e.max = s.maxRepetitions();
        } else {
            e.value = stepSeconds[step];
            e.unit = "s";
            e.min = s.targetSeconds();
        }
        e.message.append(s.title()).append(" done.");
        e.speech.append(s.title()).append(" done.");
        boolean last = lastStep();
        if (!config.autoAdvance()) {
            e.message.append(last ? " Long-press to finish the session." : " Long-press for the next step.");
            e.speech.append(last ? " Long-press to finish." : " Long-press for the next step.");
        }
        out.send();
        link.cue(RollerLink.CUE_STEP_DONE, 400);
        if (config.autoAdvance()) {
            next(t);
        }
    }

    /** Long press or step/next: on to the next step, or the end of the session after the last. */
    void next(double t) {
        if (!active) {
            return;
        }
        RoutineStep s = routine.steps().get(step);
        if (!stepDone[step]) {
            stepSkipped[step] = true;
            FeedbackEvent e = begin(Rule.STEP, Verdict.SKIPPED, Severity.WARN, t, s.id());
            if (s.isHandsOn()) {
                e.value = stepRepetitions[step];
                e.min = s.minRepetitions();
                e.message.append("Skipped ").append(s.title()).append(" after ").append(stepRepetitions[step])
                    .append(" of ").append(s.minRepetitions()).append(" repetitions.");
                Words.number(e.speech.append("Skipped ").append(s.title()).append(" after "), stepRepetitions[step])
                    .append(" of ");
                Words.number(e.speech, s.minRepetitions()).append(" repetitions.");
            } else {
                e.value = stepSeconds[step];
                e.unit = "s";
                e.min = s.targetSeconds();
                e.message.append("Skipped ").append(s.title()).append(" after ");
                int d = Text.apart(stepSeconds[step], s.targetSeconds(), false, 0);
                Text.beyond(e.message, stepSeconds[step], false, d).append(" of ");
                Text.whole(e.message, s.targetSeconds()).append(" s of good rolling.");
                Words.seconds(e.speech.append("Skipped ").append(s.title()).append(" after "), stepSeconds[step])
                    .append(" of ");
                Words.number(e.speech, Math.round(s.targetSeconds())).append(".");
            }
            out.send();
        }
        if (step == routine.steps().size() - 1) {
            end(t);
            return;
        }
        step++;
        changes++;
        stepStarted(t);
    }

    /** step/previous: back one step, against the guide's fixed order. */
    void previous(double t) {
        if (!active || step == 0) {
            return;
        }
        step--;
        changes++;
        RoutineStep s = routine.steps().get(step);
        FeedbackEvent e = begin(Rule.STEP, Verdict.OUT_OF_ORDER, Severity.WARN, t, s.id());
        e.message.append("Back to ").append(s.title())
            .append(". The guide's order: soleus, lateral and medial soleus, then the gastrocs.");
        e.speech.append("Back to ").append(s.title())
            .append(". The guide's order goes soleus first, then the gastrocs.");
        out.send();
        stepStarted(t);
    }

    private void stepStarted(double t) {
        RoutineStep s = routine.steps().get(step);
        FeedbackEvent e = begin(Rule.STEP, Verdict.STARTED, Severity.INFO, t, s.id());
        StringBuilder m = e.message.append(s.title()).append(": ");
        if (s.isHandsOn()) {
            e.min = s.minRepetitions();
            e.max = s.maxRepetitions();
            m.append(s.minRepetitions()).append('-').append(s.maxRepetitions()).append(" repetitions.");
            Words.number(e.speech.append(s.title()).append(". Do "), s.minRepetitions()).append(" to ");
            Words.number(e.speech, s.maxRepetitions()).append(" repetitions.");
        } else if ("trigger-points".equals(s.kind())) {
            e.min = s.targetSeconds();
            e.unit = "s";
            m.append("find a tender spot, short-press, and work it at least ");
            Text.whole(m, config.triggerPointSeconds()).append(" s.");
            Words.number(e.speech.append(s.title()).append(". Find a tender spot, short-press, and work it "),
                Math.round(config.triggerPointSeconds())).append(" seconds.");
        } else {
            e.min = s.targetSeconds();
            e.unit = "s";
            m.append("roll ");
            Text.whole(m, s.targetSeconds()).append(" s.");
            Words.number(e.speech.append(s.title()).append(". Roll "), Math.round(s.targetSeconds()))
                .append(" seconds.");
        }
        out.send();
    }

    /** Says too-long once when the session runs past the routine's longest. */
    void checkLength(double t) {
        if (active && !tooLongSaid && t - startedAt > routine.sessionMaxSeconds()) {
            tooLongSaid = true;
            FeedbackEvent e = begin(Rule.SESSION, Verdict.TOO_LONG, Severity.WARN, t, stepId());
            e.value = (t - startedAt) / 60;
            e.unit = "min";
            e.max = routine.sessionMaxSeconds() / 60;
            int d = Text.apart((t - startedAt) / 60, routine.sessionMaxSeconds() / 60, true, 1);
            Text.beyond(e.message, (t - startedAt) / 60, true, d).append(" min so far; the routine takes about ");
            minutesRange(e.message).append(". Time to finish.");
            e.speech.append("Time to finish. The routine takes about ");
            Words.number(e.speech, Math.round(routine.sessionMaxSeconds() / 60)).append(" minutes at most.");
            out.send();
        }
    }

    void end(double t) {
        if (!active) {
            return;
        }
        active = false;
        endedAt = t;
        changes++;
        double minutes = (t - startedAt) / 60;
        int done = 0;
        for (boolean d : stepDone) {
            done += d ? 1 : 0;
        }
        FeedbackEvent e = begin(Rule.SESSION, Verdict.DONE, Severity.GOOD, t, null);
        e.value = minutes;
        e.unit = "min";
        Text.fixed1(e.message.append("Session done in "), minutes).append(" min: ").append(done).append(" of ")
            .append(stepDone.length).append(" steps done.");
        Words.number(e.speech.append("Session done: "), done).append(" of ");
        Words.number(e.speech, stepDone.length).append(" steps.");
        out.send();
        if (t - startedAt < routine.sessionMinSeconds()) {
            FeedbackEvent s = begin(Rule.SESSION, Verdict.TOO_SHORT, Severity.WARN, t, null);
            s.value = minutes;
            s.unit = "min";
            s.min = routine.sessionMinSeconds() / 60;
            int d = Text.apart(minutes, routine.sessionMinSeconds() / 60, false, 1);
            Text.beyond(s.message.append("Only "), minutes, false, d).append(" min; the guide asks about ");
            minutesRange(s.message).append(" for both legs.");
            s.speech.append("That was short. The guide asks about ");
            Words.number(s.speech, Math.round(routine.sessionMinSeconds() / 60)).append(" minutes for both legs.");
            out.send();
        }
        link.cue(RollerLink.CUE_SESSION_DONE, 800);
    }

    private StringBuilder minutesRange(StringBuilder m) {
        Text.whole(m, routine.sessionMinSeconds() / 60).append('-');
        return Text.whole(m, routine.sessionMaxSeconds() / 60).append(" min");
    }

    private FeedbackEvent begin(Rule rule, Verdict verdict, Severity severity, double t, String stepId) {
        return out.begin(rule, verdict, severity, t, stepId);
    }
}
