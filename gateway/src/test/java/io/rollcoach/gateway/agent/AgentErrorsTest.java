package io.rollcoach.gateway.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The one error handler: counts, logs the first error in full and later ones sparingly, and the agent goes on. */
class AgentErrorsTest {
    private final Logger log = (Logger) LoggerFactory.getLogger(AgentErrors.class);
    private final ListAppender<ILoggingEvent> seen = new ListAppender<>();

    @BeforeEach
    void listen() {
        seen.start();
        log.addAppender(seen);
    }

    @AfterEach
    void stopListening() {
        log.detachAppender(seen);
    }

    @Test
    void theFirstErrorIsLoggedWithItsStackTraceAndLaterOnesAtMostOnceAMinuteAsOneLine() {
        long[] now = {1_000};
        AgentErrors errors = new AgentErrors("roller-serial-/dev/ttyUSB0", () -> now[0]);
        for (int i = 0; i < 1_000; i++) { // a fault on every sample for 59 s
            errors.onError(new IllegalStateException("engine bug " + i));
            now[0] += TimeUnit.MILLISECONDS.toNanos(59);
        }
        assertEquals(1_000, errors.count());
        assertEquals(1, seen.list.size(), "only the first in 59 s");
        ILoggingEvent first = seen.list.get(0);
        assertEquals(Level.ERROR, first.getLevel());
        assertTrue(first.getFormattedMessage().contains("roller-serial-/dev/ttyUSB0"), first.getFormattedMessage());
        assertNotNull(first.getThrowableProxy(), "the first error comes with its stack trace");
        assertEquals("engine bug 0", first.getThrowableProxy().getMessage());

        now[0] += TimeUnit.SECONDS.toNanos(2); // past the minute
        errors.onError(new IllegalStateException("engine bug 1000"));
        errors.onError(new IllegalStateException("engine bug 1001"));
        assertEquals(2, seen.list.size(), "one summary a minute");
        ILoggingEvent summary = seen.list.get(1);
        assertEquals(Level.WARN, summary.getLevel());
        assertNull(summary.getThrowableProxy(), "a summary is one line");
        assertTrue(summary.getFormattedMessage().contains("1001 errors"), summary.getFormattedMessage());
        assertTrue(summary.getFormattedMessage().contains("engine bug 1000"), summary.getFormattedMessage());
    }

    @Test
    void aThrowingAgentIsCountedAndGoesOnOnADaemonThreadNamedAfterItsRole() {
        AgentErrors errors = new AgentErrors("console-output");
        AtomicInteger cycles = new AtomicInteger();
        AtomicReference<Thread> thread = new AtomicReference<>();
        Agent agent = new Agent() {
            @Override
            public int doWork() {
                thread.set(Thread.currentThread());
                if (cycles.incrementAndGet() % 2 == 0) {
                    throw new IllegalStateException("every other cycle fails");
                }
                return 0;
            }

            @Override
            public String roleName() {
                return "console-output";
            }
        };
        AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(1), errors, null, agent);
        AgentThreads.start(runner);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> errors.count() >= 20);
            assertTrue(cycles.get() >= 40, "it kept going: " + cycles.get() + " cycles");
            assertEquals("console-output", thread.get().getName());
            assertTrue(thread.get().isDaemon());
        } finally {
            assertTrue(AgentThreads.close(runner, 1_000));
        }
        assertFalse(thread.get().isAlive());
    }

    @Test
    void aStopGivesUpOnAStuckAgentAtItsBound() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch stuck = new CountDownLatch(1);
        Agent agent = new Agent() {
            @Override
            public int doWork() throws InterruptedException {
                stuck.countDown();
                release.await(); // a disk or port that does not answer
                return 0;
            }

            @Override
            public String roleName() {
                return "history-writer";
            }
        };
        AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(1), new AgentErrors("history-writer"),
            null, agent);
        Thread thread = AgentThreads.start(runner);
        try {
            assertTrue(stuck.await(10, TimeUnit.SECONDS));
            long before = System.nanoTime();
            assertFalse(AgentThreads.close(runner, 200), "still running");
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
            assertTrue(tookMs < 5_000, "gave up after its bound, not Agrona's 5 s retry: " + tookMs + " ms");
        } finally {
            release.countDown();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !thread.isAlive());
    }
}
