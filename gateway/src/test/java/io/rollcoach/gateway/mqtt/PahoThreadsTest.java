package io.rollcoach.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PahoThreadsTest {
    private final PahoThreads threads = new PahoThreads();

    @AfterEach
    void shutDown() {
        threads.shutdownNow();
    }

    @Test
    void submitReturnsOnlyOnceTheLoopHasNamedItsThreadAsPahosLoopsDoFirstThing() throws Exception {
        AtomicReference<Thread> ran = new AtomicReference<>();
        CountDownLatch stop = new CountDownLatch(1);
        Future<?> loop = threads.submit(() -> {
            ran.set(Thread.currentThread());
            Thread.currentThread().setName("MQTT Snd: test");
            try {
                stop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        assertNotNull(ran.get(), "the loop had begun when submit returned");
        assertEquals("MQTT Snd: test", ran.get().getName());
        assertTrue(ran.get().isDaemon(), "Paho's threads never hold the JVM up");
        stop.countDown();
        loop.get(5, TimeUnit.SECONDS);
    }

    @Test
    void cancellingALoopInterruptsItsThreadAsPahosStopDoes() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        Future<?> loop = threads.submit(() -> {
            Thread.currentThread().setName("MQTT Rec: test");
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });

        loop.cancel(true);

        assertTrue(interrupted.await(5, TimeUnit.SECONDS));
    }

    @Test
    void pingsAreScheduledOnThePoolAndOneOffTasksRunAtOnce() throws Exception {
        CountDownLatch pinged = new CountDownLatch(1);
        CountDownLatch connected = new CountDownLatch(1);

        threads.schedule(pinged::countDown, 10, TimeUnit.MILLISECONDS);
        threads.execute(connected::countDown);

        assertTrue(pinged.await(5, TimeUnit.SECONDS));
        assertTrue(connected.await(5, TimeUnit.SECONDS));
    }
}
