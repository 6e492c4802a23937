package io.rollcoach.gateway.technique;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import io.rollcoach.gateway.outbox.MessageSink;
import io.rollcoach.gateway.outbox.OutboxMessageType;
import org.junit.jupiter.api.Test;

/** The session summary, the longest message, never leaves on the sample whose event is on its way out. */
class SummaryAfterEventTest {
    private static final int SAMPLE_US = 10_000;
    private final List<List<Integer>> perSample = new ArrayList<>();
    private final MessageSink sink = (type, device, body, offset, length) -> perSample.get(perSample.size() - 1)
        .add(type);
    private final TechniqueEngine engine = new TechniqueEngine(TechniqueConfig.defaults(), Routine.guide(), sink,
        RollerLink.NONE, SessionLedger.inMemory(), null);
    private long timeUs;

    private List<Integer> sample(double forceN) {
        perSample.add(new ArrayList<>());
        engine.onSample(timeUs, (int) Math.round(forceN * 10), 0, 0);
        timeUs += SAMPLE_US;
        return perSample.get(perSample.size() - 1);
    }

    @Test
    void theSummaryOfASessionThatJustStartedFollowsOnTheNextSample() {
        sample(0);
        List<Integer> contact = sample(250); // the leg comes down: the session starts, and says so

        assertTrue(contact.contains(OutboxMessageType.FEEDBACK), contact.toString());
        assertFalse(contact.contains(OutboxMessageType.SESSION), "not beside the event: " + contact);
        List<Integer> next = sample(250);
        assertEquals(1, next.stream().filter(t -> t == OutboxMessageType.SESSION).count(), next.toString());
    }

    @Test
    void aSummaryWaitsOneSampleAtMostAndATickSendsItWhenNoSampleComes() {
        sample(0);
        sample(250);
        perSample.add(new ArrayList<>());
        engine.onTick(System.nanoTime()); // the roller said nothing more

        assertTrue(perSample.get(perSample.size() - 1).contains(OutboxMessageType.SESSION));
        List<Integer> next = sample(250);
        assertFalse(next.contains(OutboxMessageType.SESSION), "sent once, not again: " + next);
    }
}
