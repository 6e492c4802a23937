package io.rollcoach.gateway.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.rollcoach.gateway.agent.AgentErrors;
import io.rollcoach.gateway.agent.Pacing;
import io.rollcoach.gateway.agent.AgentThreads;
import io.rollcoach.gateway.input.FrameDispatcher;
import io.rollcoach.gateway.input.GuardedListener;
import io.rollcoach.gateway.input.RollerListener;
import io.rollcoach.protocol.FrameDecoder;
import io.rollcoach.protocol.FrameHandler;
import io.rollcoach.protocol.MessageType;
import io.rollcoach.protocol.SampleDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A recorded session fed through the live gateway path at real time (or faster), paced by the samples' own roller
 * clock, so it can be watched on the display again. An agent on its own thread, {@code roller-replay-<file>}; every
 * listener call comes on it. What the listener throws is counted in {@link #agentErrors()} and the replay goes on.
 */
public final class ReplayInput implements RollerInput {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayInput.class);
    private static final long TICK_NANOS = 100_000_000L;
    /** A cycle parks at most until the next frame or tick is due, so the agent stops within ~100 ms. */
    private static final int CLOSE_WAIT_MS = 1000;

    private final Path capture;
    private final double speed;
    private final RollerListener listener;
    private final FrameDispatcher dispatcher;
    private final InputStats stats = new InputStats();
    private final AgentErrors errors;
    /** Parks after a cycle without a due frame, until the next frame or tick. */
    private final Pacing pacing = new Pacing();
    private final AgentRunner runner;
    private byte[] bytes;
    private volatile boolean finished;

    // agent thread only
    /** A second decoder only reads each frame's roller time for pacing; the dispatcher does the real work. */
    private final FrameDecoder peek = new FrameDecoder();
    private final SampleDecoder sample = new SampleDecoder();
    private final FrameHandler peekTime = this::onPeekedFrame;
    private long peekedUs;
    private long firstUs = -1;
    private long elapsedUs;
    private long lastUs;
    private long startNanos;
    private long lastTickNanos;
    /** Where the next frame starts in {@link #bytes}, and the one found and waiting for its time (-1: none). */
    private int frameStart;
    private int pendingLength = -1;
    private boolean pendingPaced;
    private long pendingDueNanos;

    public ReplayInput(Path capture, double speed, RollerListener listener) {
        this.capture = capture;
        this.speed = speed;
        Player player = new Player();
        this.errors = new AgentErrors(player.roleName());
        this.listener = new GuardedListener(listener, errors);
        this.dispatcher = new FrameDispatcher(this.listener);
        this.runner = new AgentRunner(pacing, errors, null, player);
    }

    @Override
    public void start() throws IOException {
        if (!Files.isReadable(capture)) {
            throw new IOException("cannot read the capture file " + capture + (Files.exists(capture)
                ? " (permission denied)" : " (no such file)"));
        }
        bytes = Files.readAllBytes(capture);
        AgentThreads.start(runner);
    }

    public boolean finished() {
        return finished;
    }

    /** Feeds the file a frame per cycle when its time has come, and ticks at least every 100 ms. */
    private final class Player implements Agent {
        @Override
        public void onStart() {
            startNanos = System.nanoTime();
            lastTickNanos = startNanos;
        }

        @Override
        public int doWork() {
            long now = System.nanoTime();
            if (now - lastTickNanos >= TICK_NANOS) {
                listener.onTick(now);
                lastTickNanos = now;
            }
            if (finished) {
                pacing.parkFor(TICK_NANOS);
                return 0;
            }
            if (pendingLength < 0 && !findNextFrame()) {
                finished = true;
                return 1;
            }
            if (pendingPaced && pendingDueNanos - now > 0) {
                pacing.parkFor(Math.min(pendingDueNanos - now, TICK_NANOS));
                return 0;
            }
            long before = System.nanoTime();
            dispatcher.onBytes(bytes, frameStart, pendingLength);
            stats.batch(dispatcher.stats().framesDecoded(), System.nanoTime() - before);
            frameStart += pendingLength;
            pendingLength = -1;
            return 1;
        }

        @Override
        public String roleName() {
            return "roller-replay-" + capture.getFileName();
        }
    }

    /** Finds the frame at {@link #frameStart} and when it is due; false at the end of the file. */
    private boolean findNextFrame() {
        int end = frameStart;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        if (end >= bytes.length) {
            return false; // bytes after the last delimiter are no frame
        }
        pendingLength = end + 1 - frameStart;
        peekedUs = -1;
        peek.decode(bytes, frameStart, pendingLength, peekTime);
        pendingPaced = peekedUs >= 0;
        if (pendingPaced) {
            if (firstUs < 0) {
                firstUs = peekedUs;
            } else {
                long delta = (peekedUs - lastUs) & 0xFFFF_FFFFL;
                elapsedUs += delta < (1L << 31) ? delta : 0; // a clock that went back: no wait
            }
            lastUs = peekedUs;
            pendingDueNanos = startNanos + (long) (elapsedUs * 1000 / speed);
        }
        return true;
    }

    private void onPeekedFrame(int type, int seq, DirectBuffer buffer, int offset, int payloadLength) {
        if (type == MessageType.SAMPLE) {
            peekedUs = sample.wrap(buffer, offset).timeUs();
        }
    }


    @Override
    public boolean send(byte[] frame, int offset, int length) {
        return false; // a recording cannot buzz
    }

    @Override
    public Map<String, Object> health() {
        Map<String, Object> health = stats.health(!finished, dispatcher.stats());
        health.put("loopErrors", errors.count());
        health.put("input", describe());
        return health;
    }

    @Override
    public List<AgentErrors> agentErrors() {
        return List.of(errors);
    }

    @Override
    public String describe() {
        return "replay of " + capture + (speed != 1 ? " at " + speed + "x" : "");
    }

    @Override
    public void close() {
        if (!AgentThreads.close(runner, CLOSE_WAIT_MS)) {
            LOG.warn("{} did not stop within {} ms", runner.agent().roleName(), CLOSE_WAIT_MS);
        }
    }
}
