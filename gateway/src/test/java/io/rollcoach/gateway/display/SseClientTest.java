package io.rollcoach.gateway.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A page's queue: a slow page loses telemetry first and never an event while it keeps up. */
class SseClientTest {
    private static SseClient.Frame telemetry(int i) {
        return new SseClient.Frame(("t" + i).getBytes(StandardCharsets.US_ASCII), true);
    }

    private static SseClient.Frame feedback(int i) {
        return new SseClient.Frame(("f" + i).getBytes(StandardCharsets.US_ASCII), false);
    }

    private static List<String> drain(SseClient client) throws InterruptedException {
        List<String> out = new ArrayList<>();
        for (SseClient.Frame frame; (frame = client.take(0)) != null && frame != SseClient.CLOSE; ) {
            out.add(new String(frame.bytes(), StandardCharsets.US_ASCII));
        }
        return out;
    }

    @Test
    void everyEventGoesOutInOrderWhileOnlyTheNewestTelemetryIsKept() throws InterruptedException {
        SseClient client = new SseClient(null);
        for (int i = 0; i < 100; i++) {
            client.offer(telemetry(i));
            if (i % 10 == 0) {
                assertTrue(client.offer(feedback(i)));
            }
        }
        List<String> out = drain(client);
        assertEquals(List.of("f0", "f10", "f20", "f30", "f40", "f50", "f60", "f70", "f80", "f90"),
            out.stream().filter(s -> s.startsWith("f")).toList(), "every event, in order");
        List<String> kept = out.stream().filter(s -> s.startsWith("t")).toList();
        assertEquals(SseClient.MAX_TELEMETRY, kept.size());
        assertEquals("t99", kept.get(kept.size() - 1));
        assertEquals(100 - SseClient.MAX_TELEMETRY, client.dropped());
        assertFalse(client.isClosed());
    }

    @Test
    void aFullQueueDropsTelemetryToMakeRoomForAnEvent() throws InterruptedException {
        SseClient client = new SseClient(null);
        for (int i = 0; i < SseClient.CAPACITY - 1; i++) {
            assertTrue(client.offer(feedback(i)));
        }
        assertTrue(client.offer(telemetry(0)));
        assertFalse(client.offer(telemetry(1)), "full: telemetry goes");
        assertTrue(client.offer(feedback(SseClient.CAPACITY)), "the telemetry made room");
        List<String> out = drain(client);
        assertEquals(SseClient.CAPACITY, out.size());
        assertFalse(out.contains("t0"));
    }

    @Test
    void aPageThatCannotKeepUpWithEventsIsClosedAfterWhatWasQueued() throws InterruptedException {
        SseClient client = new SseClient("r1");
        for (int i = 0; i < SseClient.CAPACITY; i++) {
            assertTrue(client.offer(feedback(i)));
        }
        assertFalse(client.offer(feedback(-1)));
        assertTrue(client.hasOverflowed());
        assertTrue(client.isClosed());
        assertEquals(SseClient.CAPACITY, drain(client).size(), "what was queued still goes out before the close");
        assertSame(SseClient.CLOSE, client.take(0));
        assertFalse(client.offer(feedback(0)));
    }

    @Test
    void takeTimesOutOrSaysCloseAndAPageWantsOnlyItsOwnRoller() throws InterruptedException {
        SseClient client = new SseClient("r1");
        assertNull(client.take(10));
        assertTrue(client.wants("r1"));
        assertFalse(client.wants("r2"));
        assertTrue(new SseClient(null).wants("r2"));
        client.close();
        assertSame(SseClient.CLOSE, client.take(1000));
    }
}
