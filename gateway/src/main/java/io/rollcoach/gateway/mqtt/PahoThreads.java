package io.rollcoach.gateway.mqtt;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads Paho runs on, given to its client in place of its own. Paho starts its sender, receiver and callback
 * loops one after the other and after each polls "is it running yet?" with {@code Thread.sleep(100)}
 * (eclipse-paho/paho.mqtt.java#945): every connect took 0.3 s, the longest step of the gateway's start. Here a loop's
 * thread is started and {@link #submit} returns only once the loop has begun, so Paho's first poll finds it running.
 *
 * <p>Each submitted or executed task gets a daemon thread of its own, as without an executor; Paho's keep-alive
 * pings are scheduled on the one pool thread. Paho never shuts an executor down: {@link BrokerConnection} does.
 */
final class PahoThreads extends ScheduledThreadPoolExecutor {
    /** How long to wait for a loop to begin before leaving it to Paho's own polling. */
    private static final long BEGIN_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final String NOT_YET_NAMED = "mqtt-paho-starting";
    private final AtomicInteger count = new AtomicInteger();

    PahoThreads() {
        super(1, task -> {
            Thread thread = new Thread(task, "mqtt-ping");
            thread.setDaemon(true);
            return thread;
        });
        setRemoveOnCancelPolicy(true);
    }

    /** Paho's loops: returns once the task is running (it names its thread first thing, then marks itself running). */
    @Override
    public Future<?> submit(Runnable task) {
        FutureTask<Void> future = new FutureTask<>(task, null);
        CountDownLatch begun = new CountDownLatch(1);
        Thread thread = new Thread(() -> {
            begun.countDown();
            future.run();
        }, NOT_YET_NAMED + "-" + count.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
        long deadline = System.nanoTime() + BEGIN_WAIT_NANOS;
        try {
            if (begun.await(BEGIN_WAIT_NANOS, TimeUnit.NANOSECONDS)) {
                // Paho's loop renames its thread, then takes a lock to mark itself running: wait for the rename
                while (thread.getName().startsWith(NOT_YET_NAMED) && thread.isAlive() && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                Thread.yield();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return future;
    }

    /** Paho's one-off tasks (connecting, disconnecting): a thread each, started at once. */
    @Override
    public void execute(Runnable task) {
        Thread thread = new Thread(task, "mqtt-paho-task-" + count.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }
}
