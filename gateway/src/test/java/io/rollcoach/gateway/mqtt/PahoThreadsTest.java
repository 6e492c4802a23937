package io.rollcoach.gateway.mqtt;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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
    void aTaskThatIsNotAPahoLoopRunsOnADaemonThreadOfItsOwnUnmarked() throws Exception {
        AtomicReference<Thread> ran = new AtomicReference<>();
        Future<?> task = threads.submit(() -> ran.set(Thread.currentThread()));

        task.get(5, TimeUnit.SECONDS);
        assertNotNull(ran.get());
        assertTrue(ran.get().isDaemon(), "Paho's threads never hold the JVM up");
        assertEquals(0, threads.loopsMarkedRunning(), "nothing to mark on a plain task");
    }

    /** Shaped as Paho's CommsSender, CommsReceiver and CommsCallback are: the fields and the start and stop. */
    static final class PahoShapedLoop implements Runnable {
        enum State { STOPPED, RUNNING }

        private final Object lifecycle = new Object();
        // CHECKSTYLE:OFF memberName: Paho's names, which PahoThreads looks for
        private State current_state = State.STOPPED;
        private State target_state = State.STOPPED;
        // CHECKSTYLE:ON memberName
        private Future<?> future;
        int sleeps;
        int runs;

        void start(PahoThreads executor) throws InterruptedException {
            synchronized (lifecycle) {
                if (current_state == State.STOPPED && target_state == State.STOPPED) {
                    target_state = State.RUNNING;
                    future = executor.submit(this);
                }
            }
            while (!isRunning()) {
                sleeps++;
                Thread.sleep(100);
            }
        }

        void stop() throws InterruptedException {
            synchronized (lifecycle) {
                future.cancel(true);
                if (isRunning()) {
                    target_state = State.STOPPED;
                }
            }
            while (isRunning()) {
                sleeps++;
                Thread.sleep(100);
            }
        }

        boolean isRunning() {
            synchronized (lifecycle) {
                return current_state == State.RUNNING && target_state == State.RUNNING;
            }
        }

        boolean ended() {
            synchronized (lifecycle) {
                return current_state == State.STOPPED;
            }
        }

        @Override
        public void run() {
            synchronized (lifecycle) {
                current_state = State.RUNNING;
                runs++;
            }
            while (isRunning()) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    // Paho's loops go on until told to stop
                }
            }
            synchronized (lifecycle) {
                current_state = State.STOPPED;
            }
        }
    }

    @Test
    void aPahoLoopIsFoundRunningAtItsStartsFirstLookSoTheStartNeverSleeps() throws Exception {
        PahoShapedLoop loop = new PahoShapedLoop();
        for (int start = 1; start <= 20; start++) {
            loop.start(threads);
            assertEquals(0, loop.sleeps, "start " + start + " slept");
            loop.stop(); // at once, often before the loop's thread has begun: it must still end stopped
            await().atMost(Duration.ofSeconds(5)).until(loop::ended);
            assertEquals(start, threads.loopsMarkedRunning());
        }
        assertEquals(20, loop.runs, "each start ran the loop once, stopped early or not");
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
