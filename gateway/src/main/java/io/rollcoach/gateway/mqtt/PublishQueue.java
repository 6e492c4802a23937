package io.rollcoach.gateway.mqtt;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages waiting for the broker, in the order they are to go out. A retained topic waits as one message whose
 * payload is replaced by each newer value, and is never dropped; the bound counts only what can be dropped, and when
 * it is reached the oldest such message goes (while the broker is away, feedback mostly), counted by its kind.
 *
 * <p>Publisher thread only; the counters may be read from any thread.
 */
final class PublishQueue {
    private static final Logger LOG = LoggerFactory.getLogger(PublishQueue.class);

    /** What became of one attempt to hand a message to the MQTT client. */
    enum Outcome {
        /** Taken by the client. */
        SENT,
        /** Refused for good (logged by the sender): the message is dropped and the queue moves on. */
        FAILED,
        /** Not now (in-flight window full, not connected): it stays first in the queue and the order is kept. */
        HELD
    }

    /** Hands one message to the MQTT client. */
    @FunctionalInterface
    interface Sender {
        Outcome send(OutgoingMessage message);
    }

    private final int bound;
    private final ArrayDeque<OutgoingMessage> pending = new ArrayDeque<>();
    private final Map<String, OutgoingMessage> pendingRetained = new HashMap<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong droppedFeedback = new AtomicLong();
    private final AtomicLong droppedTelemetry = new AtomicLong();
    private final AtomicLong droppedAnswers = new AtomicLong();
    private boolean droppingLogged;

    /**
     * @param bound how many messages that can be dropped (all but retained states) may wait; checked by the settings
     */
    PublishQueue(int bound) {
        this.bound = bound;
    }

    /** Queues a message last; a retained topic already waiting takes the new payload in its place instead. */
    void add(OutgoingMessage message) {
        if (message.isRetained()) {
            OutgoingMessage waiting = pendingRetained.get(message.topic);
            if (waiting != null) {
                waiting.payload = message.payload; // only the latest value of a retained topic matters
                return;
            }
            pendingRetained.put(message.topic, message);
        }
        if (pending.size() - pendingRetained.size() >= bound) {
            dropOldest();
        }
        pending.addLast(message);
    }

    /** Queues a retained state first, in place of any value of its topic that waits (the gateway's online). */
    void addFirst(OutgoingMessage state) {
        if (!state.isRetained()) {
            throw new IllegalArgumentException("only a retained state goes first, not " + state.kind);
        }
        OutgoingMessage waiting = pendingRetained.put(state.topic, state);
        if (waiting != null) {
            pending.remove(waiting);
        }
        pending.addFirst(state);
    }

    /** Makes room: the oldest message that is not a retained state. */
    private void dropOldest() {
        for (Iterator<OutgoingMessage> it = pending.iterator(); it.hasNext(); ) {
            OutgoingMessage oldest = it.next();
            if (!oldest.isRetained()) {
                it.remove();
                long dropped = counterOf(oldest.kind).incrementAndGet();
                if (!droppingLogged) {
                    droppingLogged = true;
                    LOG.warn("MQTT buffer full ({} messages) while the broker is away: dropping the oldest feedback "
                        + "({} so far); raise mqtt.bufferMessages to keep more", bound, dropped);
                }
                return;
            }
        }
    }

    private AtomicLong counterOf(MessageKind kind) {
        return switch (kind) {
            case FEEDBACK -> droppedFeedback;
            case TELEMETRY -> droppedTelemetry;
            case ANSWER, STATE -> droppedAnswers; // a state is never dropped
        };
    }

    /**
     * Hands up to {@code limit} messages to the sender, first to last, stopping at the first it holds back.
     *
     * @return how many left the queue, sent or failed
     */
    int flush(Sender sender, int limit) {
        int sent = 0;
        while (!pending.isEmpty() && sent < limit) {
            OutgoingMessage next = pending.peekFirst();
            Outcome outcome = sender.send(next);
            if (outcome == Outcome.HELD) {
                break; // try again on the next turn; order is kept
            }
            pending.pollFirst();
            if (next.isRetained()) {
                pendingRetained.remove(next.topic, next);
            }
            if (outcome == Outcome.SENT) {
                published.incrementAndGet();
            }
            sent++;
        }
        if (pending.isEmpty()) {
            droppingLogged = false;
        }
        return sent;
    }

    /** Telemetry that never waited: the broker was away, and it would be stale by its return. */
    void countTelemetryDroppedWhileAway() {
        droppedTelemetry.incrementAndGet();
    }

    int size() {
        return pending.size();
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    long published() {
        return published.get();
    }

    long droppedFeedback() {
        return droppedFeedback.get();
    }

    long droppedTelemetry() {
        return droppedTelemetry.get();
    }

    long droppedAnswers() {
        return droppedAnswers.get();
    }
}
