package io.rollcoach.gateway.technique;

import java.util.Arrays;

import io.rollcoach.gateway.outbox.MessageSink;
import io.rollcoach.gateway.outbox.OutboxMessageType;
import io.rollcoach.protocol.feedback.FeedbackEvent;
import io.rollcoach.protocol.feedback.FeedbackEventWriter;
import io.rollcoach.protocol.feedback.Rule;
import io.rollcoach.protocol.feedback.Severity;
import io.rollcoach.protocol.feedback.Verdict;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Numbers, writes and sends the engine's feedback events: one reused {@link FeedbackEvent}, one buffer, a gapless
 * {@code n} per device, and a count of every rule and verdict said (for the session summary). Allocates nothing.
 */
final class EventEmitter {
    private static final Verdict[] VERDICTS = Verdict.values(); // values() clones its array on every call
    private final FeedbackEvent event = new FeedbackEvent();
    private final FeedbackEventWriter writer = new FeedbackEventWriter();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[FeedbackEventWriter.MAX_LENGTH]);
    private final MessageSink sink;
    private final StringBuilder device;
    private final int[][] counts = new int[Rule.values().length][Verdict.values().length];
    private long sequence;

    EventEmitter(MessageSink sink, StringBuilder device) {
        this.sink = sink;
        this.device = device;
    }

    /**
     * Starts an event; fill in the optional fields and the message through the returned event, then {@link #send}.
     */
    FeedbackEvent begin(Rule rule, Verdict verdict, Severity severity, double timeSeconds, CharSequence step) {
        event.reset();
        event.rule = rule;
        event.verdict = verdict;
        event.severity = severity;
        event.timeSeconds = timeSeconds < 0 ? 0 : timeSeconds;
        event.step = step;
        event.device = device;
        return event;
    }

    /** The event being written (after {@link #begin}). */
    FeedbackEvent event() {
        return event;
    }

    void send() {
        event.sequence = ++sequence;
        counts[event.rule.ordinal()][event.verdict.ordinal()]++;
        int length = writer.write(event, buffer, 0);
        sink.publish(OutboxMessageType.FEEDBACK, device, buffer, 0, length);
    }

    long sequence() {
        return sequence;
    }

    int count(Rule rule, Verdict verdict) {
        return counts[rule.ordinal()][verdict.ordinal()];
    }

    /** Warnings said for a rule since the counts were last cleared (faults at start and repeats). */
    int warnings(Rule rule) {
        int total = 0;
        int[] row = counts[rule.ordinal()];
        for (Verdict verdict : VERDICTS) {
            if (verdict != Verdict.OK && verdict != Verdict.STARTED && verdict != Verdict.DONE
                && verdict != Verdict.ON && verdict != Verdict.OFF) {
                total += row[verdict.ordinal()];
            }
        }
        return total;
    }

    /** A new session counts afresh; {@code n} does not restart. */
    void clearCounts() {
        for (int[] row : counts) {
            Arrays.fill(row, 0);
        }
    }
}
