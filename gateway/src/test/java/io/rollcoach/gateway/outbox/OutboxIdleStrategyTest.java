package io.rollcoach.gateway.outbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/** The outputs' shared idle strategy: asleep until an engine writes, or its bound. */
class OutboxIdleStrategyTest {
    private static final long TEN_SECONDS = TimeUnit.SECONDS.toNanos(10);
    private static final UnsafeBuffer BODY = new UnsafeBuffer("{\"n\":1}".getBytes(StandardCharsets.US_ASCII));

    private final Outbox outbox = new Outbox(4096);
    private final Outbox.Subscription subscription = outbox.subscribe("test-output");

    /** Runs one idle on its own thread, as an output's agent would; the returned cell holds how long it took. */
    private static AtomicLong idleOnce(OutboxIdleStrategy idle, Thread[] thread) {
        AtomicLong tookNanos = new AtomicLong(-1);
        thread[0] = new Thread(() -> {
            long before = System.nanoTime();
            idle.idle(0);
            tookNanos.set(System.nanoTime() - before);
        }, "test-output");
        thread[0].setDaemon(true);
        thread[0].start();
        return tookNanos;
    }

    private void write() {
        outbox.offer(OutboxMessageType.FEEDBACK, "00c0ffee00000001", BODY, 0, BODY.capacity());
    }

    @Test
    void aWriteWakesTheIdleOutputLongBeforeItsBound() {
        OutboxIdleStrategy idle = new OutboxIdleStrategy(subscription, TEN_SECONDS);
        Thread[] output = new Thread[1];
        AtomicLong took = idleOnce(idle, output);
        await().atMost(Duration.ofSeconds(5)).until(() -> output[0].getState() == Thread.State.TIMED_WAITING);

        write();

        await().atMost(Duration.ofSeconds(2)).until(() -> took.get() >= 0);
        assertTrue(took.get() < TimeUnit.SECONDS.toNanos(3), "woken by the write, not by its 10 s bound: "
            + TimeUnit.NANOSECONDS.toMillis(took.get()) + " ms");
    }

    @Test
    void aCycleThatDidWorkDoesNotWait() {
        OutboxIdleStrategy idle = new OutboxIdleStrategy(subscription, TEN_SECONDS);
        long before = System.nanoTime();
        idle.idle(3);
        assertTrue(System.nanoTime() - before < TimeUnit.SECONDS.toNanos(3));
    }

    @Test
    void withoutAWriteTheBoundEndsThePark() {
        OutboxIdleStrategy idle = new OutboxIdleStrategy(subscription, TimeUnit.MILLISECONDS.toNanos(20));
        Thread[] output = new Thread[1];
        AtomicLong took = idleOnce(idle, output);
        await().atMost(Duration.ofSeconds(5)).until(() -> took.get() >= 0);
    }

    @Test
    void aHoldOffIsNotCutShortByAWrite() {
        OutboxIdleStrategy idle = new OutboxIdleStrategy(subscription, TEN_SECONDS);
        idle.holdOff(TimeUnit.MILLISECONDS.toNanos(400));
        Thread[] output = new Thread[1];
        AtomicLong took = idleOnce(idle, output);
        await().atMost(Duration.ofSeconds(5)).until(() -> output[0].getState() == Thread.State.TIMED_WAITING);

        write(); // a batch is gathering: this write waits for the rest

        await().atMost(Duration.ofSeconds(5)).until(() -> took.get() >= 0);
        assertTrue(took.get() >= TimeUnit.MILLISECONDS.toNanos(300), "slept through the write: "
            + TimeUnit.NANOSECONDS.toMillis(took.get()) + " ms");
    }
}
