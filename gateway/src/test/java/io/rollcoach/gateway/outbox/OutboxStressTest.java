package io.rollcoach.gateway.outbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * Several roller threads offer at once to one output drained by one thread that parks between batches, as the MQTT
 * publisher does: every message arrives once and in its producer's order, a full ring is counted (the producers here
 * offer again, so nothing is lost), and the output never sleeps through a message for longer than its park bound.
 */
class OutboxStressTest {
    private static final int PRODUCERS = 4;
    private static final int MESSAGES = 50_000;
    private static final long PARK_BOUND_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** A shared 2-core CI box may deschedule any thread for a while; the bound is checked with this much slack. */
    private static final long SCHEDULING_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final int PRODUCER_OFFSET = 0;
    private static final int SEQ_OFFSET = 4;
    private static final int STAMP_OFFSET = 8;
    private static final int BODY_LENGTH = 16;

    @Test
    void manyProducersLoseNothingAndTheOutputNeverSleepsPastItsParkBound() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), this::run);
    }

    private void run() throws InterruptedException {
        Outbox outbox = new Outbox(1 << 14); // small: the ring fills now and then, and full offers are counted
        Outbox.Subscription output = outbox.subscribe("stress");
        int[] next = new int[PRODUCERS];
        AtomicLong refused = new AtomicLong();
        long[] longestWaitNanos = {0};
        long[] longestParkNanos = {0};
        int[] outOfOrder = {0};
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int producer = p;
            String device = "roller-" + p;
            Thread thread = new Thread(() -> {
                UnsafeBuffer body = new UnsafeBuffer(new byte[BODY_LENGTH]);
                awaitQuietly(go);
                for (int seq = 0; seq < MESSAGES; seq++) {
                    body.putInt(PRODUCER_OFFSET, producer, ByteOrder.LITTLE_ENDIAN);
                    body.putInt(SEQ_OFFSET, seq, ByteOrder.LITTLE_ENDIAN);
                    body.putLong(STAMP_OFFSET, System.nanoTime(), ByteOrder.LITTLE_ENDIAN);
                    while (!outbox.offer(OutboxMessageType.FEEDBACK, device, body, 0, BODY_LENGTH)) {
                        refused.incrementAndGet();
                        Thread.yield(); // the output is behind: let it run
                    }
                }
            }, "producer-" + p);
            producers.add(thread);
            thread.start();
        }
        OutboxHandler check = (type, device, buffer, offset, length) -> {
            int producer = buffer.getInt(offset + PRODUCER_OFFSET, ByteOrder.LITTLE_ENDIAN);
            int seq = buffer.getInt(offset + SEQ_OFFSET, ByteOrder.LITTLE_ENDIAN);
            long waited = System.nanoTime() - buffer.getLong(offset + STAMP_OFFSET, ByteOrder.LITTLE_ENDIAN);
            longestWaitNanos[0] = Math.max(longestWaitNanos[0], waited);
            if (!device.equals("roller-" + producer) || seq != next[producer]) {
                outOfOrder[0]++;
            }
            next[producer] = seq + 1;
        };
        go.countDown();
        long total = (long) PRODUCERS * MESSAGES;
        long received = 0;
        while (received < total) {
            int read = output.poll(check, 256);
            received += read;
            if (read == 0) {
                long parked = System.nanoTime();
                output.awaitMessages(PARK_BOUND_NANOS);
                longestParkNanos[0] = Math.max(longestParkNanos[0], System.nanoTime() - parked);
            }
        }
        for (Thread producer : producers) {
            producer.join();
        }

        int[] all = new int[PRODUCERS];
        Arrays.fill(all, MESSAGES);
        assertArrayEquals(all, next, "every producer's last message arrived");
        assertEquals(0, outOfOrder[0], "messages out of their producer's order");
        assertEquals(0, output.poll(check, 256), "nothing more than was sent");
        assertEquals(refused.get(), output.dropped(), "every refused offer is counted");
        assertEquals(refused.get(), output.droppedFeedback());
        assertTrue(longestParkNanos[0] < PARK_BOUND_NANOS + SCHEDULING_SLACK_NANOS,
            "the output parked for " + longestParkNanos[0] / 1000 + " µs");
        assertTrue(longestWaitNanos[0] < PARK_BOUND_NANOS + SCHEDULING_SLACK_NANOS,
            "a message waited " + longestWaitNanos[0] / 1000 + " µs");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
