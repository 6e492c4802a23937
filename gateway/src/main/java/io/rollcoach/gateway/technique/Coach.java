package io.rollcoach.gateway.technique;

import io.rollcoach.gateway.outbox.MessageSink;
import io.rollcoach.gateway.outbox.OutboxMessageType;
import io.rollcoach.protocol.feedback.FeedbackEvent;
import io.rollcoach.protocol.feedback.JsonWriter;
import io.rollcoach.protocol.feedback.Rule;
import io.rollcoach.protocol.feedback.Severity;
import io.rollcoach.protocol.feedback.Verdict;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The one thing the person should hear now: of the faults said and not yet mended, the one that matters most
 * (safety first, then what the tissue needs; docs/rules.md, "The focus"), or, when nothing is wrong, the task in
 * hand ("On this point: 12 of 15 s"). Published as the retained {@code coach} message when the focus changes, and
 * at most once a second while a task's count moves; a screen's headline and a speaker follow it. Runs on the
 * roller's thread; allocates nothing.
 */
final class Coach {
    private static final int MAX_SLOTS = 8;
    /** The roller's link: nothing can be coached without it. */
    private static final int LINK_RANK = 0;

    /** One rule's latest fault as it was said: kept while the rule's fault is active. */
    static final class Slot {
        private final JudgedRule owner;
        Rule rule;
        Verdict verdict;
        double since;
        double value = Double.NaN;
        String unit;
        double min = Double.NaN;
        double max = Double.NaN;
        final StringBuilder message = new StringBuilder(160);
        final StringBuilder speech = new StringBuilder(160);
        private boolean held; // for a slot without a rule (the link): active until released

        Slot(JudgedRule owner) {
            this.owner = owner;
        }

        void record(FeedbackEvent e, boolean first) {
            if (first || verdict != e.verdict) {
                since = e.timeSeconds;
            }
            rule = e.rule;
            verdict = e.verdict;
            value = e.value;
            unit = e.unit;
            min = e.min;
            max = e.max;
            message.setLength(0);
            message.append(e.message);
            speech.setLength(0);
            speech.append(e.speech.length() > 0 ? e.speech : e.message);
            held = true;
        }

        void release() {
            held = false;
        }

        boolean isActive() {
            return owner == null ? held : verdict != null && owner.steady.active() == verdict;
        }

        int rank() {
            return owner == null ? LINK_RANK : owner.rank(verdict);
        }
    }

    private final Slot[] slots = new Slot[MAX_SLOTS];
    private int slotCount;
    private final Slot link = slot(null);
    private final MessageSink sink;
    private final CharSequence device;
    private final Judging judging;
    private final TriggerPoint point;
    private SessionScore score;
    private final JsonWriter json = new JsonWriter();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[2048]);
    private final StringBuilder message = new StringBuilder(200);
    private final StringBuilder speech = new StringBuilder(200);

    private Slot focus;
    private double focusSince = Double.NaN;
    private long taskKey = Long.MIN_VALUE;
    private long taskShape = Long.MIN_VALUE;
    private double taskSaidAt = Double.NEGATIVE_INFINITY;
    private long published;

    Coach(MessageSink sink, CharSequence device, Judging judging, TriggerPoint point) {
        this.sink = sink;
        this.device = device;
        this.judging = judging;
        this.point = point;
    }

    /** Where the end-of-session review comes from; set once the rules it scores exist. */
    void reviewFrom(SessionScore sessionScore) {
        this.score = sessionScore;
    }

    Slot slot(JudgedRule owner) {
        Slot slot = new Slot(owner);
        slots[slotCount++] = slot;
        return slot;
    }

    /** The link is lost: that is the focus until it is back. */
    void linkLost(FeedbackEvent e) {
        link.record(e, true);
    }

    void linkRestored() {
        link.release();
    }

    /** Messages published so far (for tests). */
    long published() {
        return published;
    }

    /*
     * A task's message is a short headline before its colon ("On this point", "Find a tender spot") and the count
     * after it: a screen shows the step elsewhere, and a headline must fit a phone. The speech names the step.
     */

    /** After each sample (and after commands): publishes what changed. */
    void update(double t, double now, boolean loaded) {
        Slot best = null;
        for (int i = 0; i < slotCount; i++) {
            Slot slot = slots[i];
            if (slot.isActive() && (best == null || slot.rank() < best.rank())) {
                best = slot;
            }
        }
        if (best != null) {
            if (best != focus || best.since != focusSince) {
                focus = best;
                focusSince = best.since;
                publishFocus(t);
            }
            return;
        }
        boolean hadFocus = focus != null;
        focus = null;
        focusSince = Double.NaN;
        RoutineProgress progress = judging.progress;
        // What the task says, as numbers: publish when its shape changes, and its counts at most once a second.
        long shape = progress.active ? 1 + progress.step * 16L + (loaded ? 2 : 0) + (point.active ? 4 : 0)
            + (point.done ? 1 : 0) + (progress.stepDone[progress.step] ? 8 : 0)
            : progress.sessionNumber == 0 ? -1 : -2 - progress.sessionNumber;
        long key = shape * 100_000 + countShown(progress);
        if (hadFocus || shape != taskShape || key != taskKey && now - taskSaidAt >= 1) {
            taskShape = shape;
            taskKey = key;
            taskSaidAt = now;
            publishTask(t, loaded);
        }
    }

    private long countShown(RoutineProgress progress) {
        if (!progress.active) {
            return 0;
        }
        RoutineStep step = progress.current();
        if (step.isHandsOn()) {
            return progress.stepRepetitions[progress.step];
        }
        if (progress.stepDone[progress.step]) {
            return 0; // "done: long-press for the next step" has no count
        }
        if (point.active && !point.done) {
            return (long) Math.floor(point.dwellSeconds);
        }
        return (long) Math.floor(progress.stepSeconds[progress.step]);
    }

    private void publishFocus(double t) {
        Slot f = focus;
        begin(t, "focus", f.rule, f.verdict, f.owner == null ? Severity.ERROR : Severity.WARN);
        json.name("message").string(f.message);
        json.name("speech").string(f.speech);
        json.name("since").number(f.since, 3);
        json.name("step").string(judging.progress.stepId());
        if (!Double.isNaN(f.value)) {
            json.name("value").number(f.value, 1);
        }
        if (f.unit != null) {
            json.name("unit").string(f.unit);
        }
        if (!Double.isNaN(f.min)) {
            json.name("min").number(f.min, 1);
        }
        if (!Double.isNaN(f.max)) {
            json.name("max").number(f.max, 1);
        }
        send();
    }

    private void publishTask(double t, boolean loaded) {
        RoutineProgress progress = judging.progress;
        message.setLength(0);
        speech.setLength(0);
        String kind;
        Severity severity = Severity.INFO;
        if (progress.active) {
            kind = "task";
            describeTask(progress, loaded);
        } else if (progress.sessionNumber > 0) {
            kind = "done";
            severity = Severity.GOOD;
            score.describeEnd(message, speech);
        } else {
            kind = "idle";
            message.append("Lay your calf on the roller to start.");
            speech.append("Lay your calf on the roller to start.");
        }
        begin(t, kind, null, null, severity);
        json.name("message").string(message);
        json.name("speech").string(speech);
        json.name("since").number(t, 3);
        json.name("step").string(progress.stepId());
        send();
    }

    /** What a finished step asks for: a long press, to the next step or, after the last, to the end. */
    private static String doneSpeech(RoutineProgress progress) {
        return progress.lastStep() ? "Done. Long-press to finish." : "Done. Long-press for the next step.";
    }

    private void describeTask(RoutineProgress progress, boolean loaded) {
        RoutineStep step = progress.current();
        int i = progress.step;
        speech.append(step.title()).append(". ");
        if (step.isHandsOn()) {
            message.append("Hands-on: ").append(progress.stepRepetitions[i]).append(" of ")
                .append(step.minRepetitions()).append('-').append(step.maxRepetitions()).append(" repetitions.");
            // said when the step starts (and by an automation reading it): what to do, then how far along
            int done = progress.stepRepetitions[i];
            if (done == 0) {
                Words.number(speech.append("Do "), step.minRepetitions()).append(" to ");
                Words.number(speech, step.maxRepetitions()).append(" repetitions.");
            } else if (progress.stepDone[i]) {
                speech.append(doneSpeech(progress));
            } else {
                Words.number(speech.append("So far "), done).append(" of ");
                Words.number(speech, step.minRepetitions()).append(" repetitions.");
            }
            return;
        }
        if (progress.stepDone[i]) {
            message.append(progress.lastStep() ? "Step done: long-press to finish."
                : "Step done: long-press for the next one.");
            speech.append(doneSpeech(progress));
            return;
        }
        if (!loaded) {
            message.append("Back on the roller: ");
            Text.beyond(message, progress.stepSeconds[i], false, 0).append(" of ");
            Text.whole(message, step.targetSeconds()).append(" s done.");
            speech.append("Back on the roller.");
            return;
        }
        if (point.active && !point.done) {
            double target = judging.config.triggerPointSeconds();
            Text.beyond(message.append("On this point: "), point.dwellSeconds, false, 0).append(" of ");
            Text.whole(message, target).append(" s.");
            speech.append("Work this point for ");
            Words.number(speech, Math.round(target)).append(" seconds.");
            return;
        }
        message.append("Find a tender spot: ");
        Text.beyond(message, progress.stepSeconds[i], false, 0).append(" of ");
        Text.whole(message, step.targetSeconds()).append(" s done.");
        boolean inches = judging.inches();
        speech.append(inches ? "Find a tender spot and roll one to two inches on and off it."
            : "Find a tender spot and roll two and a half to five centimetres on and off it.");
    }

    private void begin(double t, String kind, Rule rule, Verdict verdict, Severity severity) {
        json.wrap(buffer, 0).beginObject();
        json.name("device").string(device);
        json.name("t").number(t < 0 ? 0 : t, 3);
        json.name("kind").string(kind);
        json.name("rule").string(rule == null ? null : rule.jsonName());
        json.name("verdict").string(verdict == null ? null : verdict.jsonName());
        json.name("severity").string(severity.jsonName());
    }

    private void send() {
        json.endObject();
        published++;
        sink.publish(OutboxMessageType.COACH, device, buffer, 0, json.position());
    }
}
