package io.rollcoach.gateway.serial;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import com.sun.management.ThreadMXBean;
import io.rollcoach.gateway.input.RollerListener;
import org.junit.jupiter.api.Test;

/** The reader thread's steady state allocates nothing per read or per frame: 1M frames over a pty. */
class SerialLinkAllocationIT {
    private static final long FRAMES_MEASURED = 1_000_000;
    /** Room for the twice-a-second node check on a slow machine; measured: 48 bytes over 1M frames. */
    private static final long BUDGET_BYTES = 64 * 1024;

    @Test
    void theReaderThreadAllocatesNothingPerFrame() throws Exception {
        byte[] session = Frames.goodTechnique();
        long framesPerSession = Frames.decode(session).decoded();
        int sessions = (int) ((FRAMES_MEASURED + framesPerSession - 1) / framesPerSession);
        AllocationProbe probe = new AllocationProbe();
        try (SocatPair pair = SocatPair.start("alloc");
             SerialLink link = new SerialLink(SerialLinkConfig.of(pair.b()), probe, (b, off, len) -> { });
             PtyWriter roller = new PtyWriter(pair.a())) {
            link.start(false);
            // Warm up: the JIT compiles the read and decode path.
            for (int i = 0; i < 20; i++) {
                roller.write(session);
            }
            long warmFrames = 20 * framesPerSession;
            await().atMost(Duration.ofSeconds(60)).until(() -> link.stats().framesDecoded() == warmFrames);
            long before = probe.allocatedAtNextTick();

            for (int i = 0; i < sessions; i++) {
                roller.write(session);
            }
            long total = warmFrames + sessions * framesPerSession;
            await().atMost(Duration.ofSeconds(120)).until(() -> link.stats().framesDecoded() == total);
            long after = probe.allocatedAtNextTick();

            long allocated = after - before;
            long frames = sessions * framesPerSession;
            assertEquals(0, link.stats().framesRejected(), link.stats().toString());
            assertTrue(frames >= FRAMES_MEASURED);
            assertTrue(allocated < BUDGET_BYTES, "reader thread allocated " + allocated + " bytes over " + frames
                + " frames (" + (double) allocated / frames + " B/frame)");
        }
    }

    /** Reads the reader thread's allocation counter from that thread, at each tick; allocates nothing itself. */
    private static final class AllocationProbe implements RollerListener {
        private final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        private volatile long allocated = -1;
        private volatile long ticks;
        private long samples;

        long allocatedAtNextTick() {
            long seen = ticks;
            await().atMost(Duration.ofSeconds(2)).until(() -> ticks > seen + 1);
            return allocated;
        }

        @Override
        public void onTick(long nowNanos) {
            allocated = threads.getCurrentThreadAllocatedBytes();
            ticks = ticks + 1;
        }

        @Override
        public void onSample(long timeUs, int forceDeciNewtons, int angleTenthMilliradians, int flags) {
            samples += timeUs + forceDeciNewtons + angleTenthMilliradians + flags;
        }
    }
}
