package io.rollcoach.gateway.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class OutboxTest {
    private static final UnsafeBuffer BODY = new UnsafeBuffer(new byte[256]);

    private static int body(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        BODY.putBytes(0, bytes);
        return bytes.length;
    }

    private static List<String> drain(Outbox.Subscription subscription) {
        List<String> seen = new ArrayList<>();
        subscription.poll((type, device, buffer, offset, length) ->
            seen.add(type + " " + device + " " + buffer.getStringWithoutLengthAscii(offset, length)), 1000);
        return seen;
    }

    @Test
    void deliversEveryMessageToEveryOutputInOrder() {
        Outbox outbox = new Outbox(4096);
        Outbox.Subscription mqtt = outbox.subscribe("mqtt");
        Outbox.Subscription display = outbox.subscribe("display");
        assertTrue(outbox.offer(OutboxMessageType.FEEDBACK, "00c0ffee00000001", BODY, 0, body("{\"n\":0}")));
        outbox.publish(OutboxMessageType.TELEMETRY, "kitchen", BODY, 0, body("{\"pos\":1}"));
        List<String> expected = List.of("1 00c0ffee00000001 {\"n\":0}", "2 kitchen {\"pos\":1}");
        assertEquals(expected, drain(mqtt));
        assertEquals(expected, drain(display));
        assertEquals(List.of(), drain(mqtt));
    }

    @Test
    void dropsForTheFullOutputOnlyAndCountsIt() {
        Outbox outbox = new Outbox(1024);
        Outbox.Subscription stuck = outbox.subscribe("stuck");
        Outbox.Subscription live = outbox.subscribe("live");
        int length = body("{\"some\":\"feedback that takes room\"}");
        int offered = 0;
        for (int i = 0; i < 100; i++) {
            outbox.offer(OutboxMessageType.FEEDBACK, "r1", BODY, 0, length);
            offered++;
            assertEquals(1, drain(live).size(), "the live output keeps up at message " + i);
        }
        assertTrue(stuck.droppedFeedback() > 0);
        assertEquals(stuck.dropped(), stuck.droppedFeedback());
        assertEquals(0, live.dropped());
        assertEquals(offered - stuck.dropped(), drain(stuck).size(), "what was not dropped arrives");
        assertFalse(stuck.backlogBytes() > 0);
    }

    @Test
    void handsOutOneStringPerDevice() {
        Outbox outbox = new Outbox(4096);
        Outbox.Subscription output = outbox.subscribe("o");
        int length = body("x");
        outbox.offer(OutboxMessageType.TELEMETRY, "abc", BODY, 0, length);
        outbox.offer(OutboxMessageType.TELEMETRY, "abc", BODY, 0, length);
        List<String> devices = new ArrayList<>();
        output.poll((type, device, buffer, offset, len) -> devices.add(device), 10);
        assertSame(devices.get(0), devices.get(1));
    }

    @Test
    void refusesACapacityThatIsNotAPowerOfTwo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Outbox(1000));
        assertEquals("outbox capacity must be a power of two, was 1000", e.getMessage());
    }
}
