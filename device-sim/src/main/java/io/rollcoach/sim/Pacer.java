package io.rollcoach.sim;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

import io.rollcoach.protocol.ProtocolV1;
import io.rollcoach.sim.output.FrameOutput;

/**
 * Plays a simulator into an output at real time, faster, or as fast as possible. Deadlines are kept against the
 * start, so a late frame does not push every later one back.
 */
public final class Pacer {
    private final RollerSimulator simulator;
    private final FrameOutput output;
    private final double speed;
    private volatile boolean stopped;
    private long frames;

    /** @param speed 1 for real time, 10 for ten times faster, 0 for as fast as possible */
    public Pacer(RollerSimulator simulator, FrameOutput output, double speed) {
        if (!(speed >= 0)) {
            throw new IllegalArgumentException("speed must be 0 (as fast as possible) or more, was " + speed);
        }
        this.simulator = simulator;
        this.output = output;
        this.speed = speed;
    }

    /** Plays until the scenario ends or {@link #stop()}; returns the frames written. */
    public long run() throws IOException {
        byte[] frame = new byte[ProtocolV1.MAX_FRAME_LENGTH];
        long start = System.nanoTime();
        while (!stopped) {
            if (speed > 0) {
                long due = start + (long) (simulator.nextFrameDueNanos() / speed);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    output.flush();
                    LockSupport.parkNanos(wait);
                    continue;
                }
            }
            int length = simulator.nextFrame(frame, 0);
            if (length < 0) {
                break;
            }
            output.write(frame, 0, length);
            frames++;
        }
        output.flush();
        return frames;
    }

    public void stop() {
        stopped = true;
    }

    public long frames() {
        return frames;
    }
}
