package io.rollcoach.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The publish queue without a broker: coalescing, what is dropped first, the counters, held and failed sends. */
class PublishQueueTest {
    private final PublishQueue queue = new PublishQueue(3);
    private final List<String> sent = new ArrayList<>();

    private static OutgoingMessage message(String topic, String payload, MessageKind kind) {
        return new OutgoingMessage(topic, payload.getBytes(StandardCharsets.UTF_8), 1, kind, null);
    }

    private static OutgoingMessage state(String topic, String payload) {
        return OutgoingMessage.state(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    private PublishQueue.Outcome record(OutgoingMessage message) {
        sent.add(message.topic + "=" + new String(message.payload, StandardCharsets.UTF_8));
        return PublishQueue.Outcome.SENT;
    }

    private List<String> drain() {
        queue.flush(this::record, Integer.MAX_VALUE);
        return sent;
    }

    @Test
    void aRetainedTopicWaitsAsItsLatestValueInItsFirstPlace() {
        queue.add(state("r/status", "online"));
        queue.add(message("r/feedback", "1", MessageKind.FEEDBACK));
        queue.add(state("r/status", "offline"));

        assertEquals(2, queue.size());
        assertEquals(List.of("r/status=offline", "r/feedback=1"), drain());
    }

    @Test
    void aRetainedTopicSentIsQueuedAgainOnItsNextValue() {
        queue.add(state("r/status", "online"));
        drain();
        queue.add(state("r/status", "offline"));

        assertEquals(List.of("r/status=online", "r/status=offline"), drain());
    }

    @Test
    void aFullQueueDropsTheOldestDroppableMessageAndCountsItByKind() {
        queue.add(message("r/feedback", "1", MessageKind.FEEDBACK));
        queue.add(message("r/telemetry", "2", MessageKind.TELEMETRY));
        queue.add(message("r/cmd/result", "3", MessageKind.ANSWER));
        queue.add(message("r/feedback", "4", MessageKind.FEEDBACK)); // drops feedback 1
        queue.add(message("r/feedback", "5", MessageKind.FEEDBACK)); // drops telemetry 2
        queue.add(message("r/feedback", "6", MessageKind.FEEDBACK)); // drops answer 3

        assertEquals(1, queue.droppedFeedback());
        assertEquals(1, queue.droppedTelemetry());
        assertEquals(1, queue.droppedAnswers());
        assertEquals(List.of("r/feedback=4", "r/feedback=5", "r/feedback=6"), drain());
        assertEquals(3, queue.published());
    }

    @Test
    void retainedStatesNeitherCountTowardsTheBoundNorAreDropped() {
        queue.add(state("a/status", "online"));
        queue.add(state("b/status", "online"));
        for (int i = 1; i <= 4; i++) {
            queue.add(message("r/feedback", Integer.toString(i), MessageKind.FEEDBACK));
        }

        assertEquals(5, queue.size());
        assertEquals(1, queue.droppedFeedback());
        assertEquals(List.of("a/status=online", "b/status=online", "r/feedback=2", "r/feedback=3", "r/feedback=4"),
            drain());
    }

    @Test
    void telemetryDroppedWhileAwayIsCountedWithoutWaiting() {
        queue.countTelemetryDroppedWhileAway();

        assertEquals(1, queue.droppedTelemetry());
        assertEquals(0, queue.size());
    }

    @Test
    void theGatewaysOnlineGoesFirstInPlaceOfAWaitingValue() {
        queue.add(message("r/feedback", "1", MessageKind.FEEDBACK));
        queue.add(state("gw/status", "stale"));
        queue.addFirst(state("gw/status", "online"));

        assertEquals(List.of("gw/status=online", "r/feedback=1"), drain());
    }

    @Test
    void onlyARetainedStateMayGoFirst() {
        assertThrows(IllegalArgumentException.class,
            () -> queue.addFirst(message("r/feedback", "1", MessageKind.FEEDBACK)));
    }

    @Test
    void aHeldMessageStaysFirstAndTheOrderIsKept() {
        queue.add(message("r/feedback", "1", MessageKind.FEEDBACK));
        queue.add(message("r/feedback", "2", MessageKind.FEEDBACK));

        assertEquals(0, queue.flush(m -> PublishQueue.Outcome.HELD, 10));
        assertEquals(2, queue.size());
        assertEquals(List.of("r/feedback=1", "r/feedback=2"), drain());
    }

    @Test
    void aFailedMessageLeavesTheQueueWithoutCountingAsPublished() {
        queue.add(message("r/feedback", "1", MessageKind.FEEDBACK));
        queue.add(state("r/status", "online"));

        assertEquals(2, queue.flush(m -> PublishQueue.Outcome.FAILED, 10));
        assertEquals(0, queue.size());
        assertEquals(0, queue.published());
        queue.add(state("r/status", "offline"));
        assertEquals(List.of("r/status=offline"), drain()); // its topic no longer waits
    }

    @Test
    void aFlushSendsAtMostItsLimit() {
        for (int i = 1; i <= 3; i++) {
            queue.add(message("r/feedback", Integer.toString(i), MessageKind.FEEDBACK));
        }

        assertEquals(2, queue.flush(this::record, 2));
        assertEquals(1, queue.size());
        assertEquals(List.of("r/feedback=1", "r/feedback=2"), sent);
    }

    @Test
    void theWaitAfterALossGrowsForConnectionsThatDieYoung() {
        assertEquals(1, BrokerConnection.waitAfterLossSeconds(0, false));
        assertEquals(2, BrokerConnection.waitAfterLossSeconds(1, false));
        assertEquals(4, BrokerConnection.waitAfterLossSeconds(2, false));
        assertEquals(30, BrokerConnection.waitAfterLossSeconds(5, false));
        assertEquals(30, BrokerConnection.waitAfterLossSeconds(40, false));
        assertEquals(30, BrokerConnection.waitAfterLossSeconds(1, true));
    }
}
