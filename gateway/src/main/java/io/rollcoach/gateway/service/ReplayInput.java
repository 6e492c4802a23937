package io.rollcoach.gateway.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import io.rollcoach.gateway.input.FrameDispatcher;
import io.rollcoach.gateway.input.RollerListener;
import io.rollcoach.protocol.FrameDecoder;
import io.rollcoach.protocol.MessageType;
import io.rollcoach.protocol.SampleDecoder;

/**
 * A recorded session fed through the live gateway path at real time (or faster), paced by the samples' own roller
 * clock, so it can be watched on the display again.
 */
public final class ReplayInput implements RollerInput {
    private static final long TICK_NANOS = 100_000_000L;

    private final Path capture;
    private final double speed;
    private final RollerListener listener;
    private final FrameDispatcher dispatcher;
    private final InputStats stats = new InputStats();
    private final Thread thread;
    private byte[] bytes;
    private volatile boolean running = true;
    private volatile boolean finished;

    public ReplayInput(Path capture, double speed, RollerListener listener) {
        this.capture = capture;
        this.speed = speed;
        this.listener = listener;
        this.dispatcher = new FrameDispatcher(listener);
        this.thread = new Thread(this::run, "roller-replay");
        thread.setDaemon(true);
    }

    @Override
    public void start() throws IOException {
        if (!Files.isReadable(capture)) {
            throw new IOException("cannot read the capture file " + capture + (Files.exists(capture)
                ? " (permission denied)" : " (no such file)"));
        }
        bytes = Files.readAllBytes(capture);
        thread.start();
    }

    public boolean finished() {
        return finished;
    }

    private void run() {
        // A second decoder only reads each frame's roller time for pacing; the dispatcher does the real work.
        FrameDecoder peek = new FrameDecoder();
        SampleDecoder sample = new SampleDecoder();
        long[] timeUs = {-1};
        long firstUs = -1;
        long elapsedUs = 0;
        long lastUs = 0;
        long start = System.nanoTime();
        long lastTick = start;
        int frameStart = 0;
        for (int i = 0; i < bytes.length && running; i++) {
            if (bytes[i] != 0) {
                continue;
            }
            int length = i + 1 - frameStart;
            timeUs[0] = -1;
            peek.decode(bytes, frameStart, length, (type, seq, buffer, offset, payloadLength) -> {
                if (type == MessageType.SAMPLE) {
                    timeUs[0] = sample.wrap(buffer, offset).timeUs();
                }
            });
            if (timeUs[0] >= 0) {
                if (firstUs < 0) {
                    firstUs = timeUs[0];
                } else {
                    long delta = (timeUs[0] - lastUs) & 0xFFFF_FFFFL;
                    elapsedUs += delta < (1L << 31) ? delta : 0; // a clock that went back: no wait
                }
                lastUs = timeUs[0];
                long due = start + (long) (elapsedUs * 1000 / speed);
                for (long now = System.nanoTime(); due > now && running; now = System.nanoTime()) {
                    if (now - lastTick >= TICK_NANOS) {
                        listener.onTick(now);
                        lastTick = now;
                    }
                    LockSupport.parkNanos(Math.min(due - now, TICK_NANOS));
                }
            }
            long before = System.nanoTime();
            dispatcher.onBytes(bytes, frameStart, length);
            stats.batch(dispatcher.stats().framesDecoded(), System.nanoTime() - before);
            frameStart = i + 1;
        }
        finished = true;
        while (running) {
            listener.onTick(System.nanoTime());
            LockSupport.parkNanos(TICK_NANOS);
        }
    }

    @Override
    public boolean send(byte[] frame, int offset, int length) {
        return false; // a recording cannot buzz
    }

    @Override
    public Map<String, Object> health() {
        Map<String, Object> health = stats.health(!finished, dispatcher.stats());
        health.put("input", describe());
        return health;
    }

    @Override
    public String describe() {
        return "replay of " + capture + (speed != 1 ? " at " + speed + "x" : "");
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
