package io.rollcoach.gateway.technique;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import com.sun.management.ThreadMXBean;
import io.rollcoach.gateway.input.FrameDispatcher;
import io.rollcoach.sim.RollerSimulator;
import io.rollcoach.sim.SimOptions;
import io.rollcoach.sim.scenario.ScenarioLibrary;
import org.junit.jupiter.api.Test;

/**
 * The real-time path allocates nothing per sample: decoder, engine, events, telemetry and summaries over a whole
 * guided session, after warm-up. (The JMH benchmark with -prof gc gives the figure; this guards against a
 * regression in the default test run.)
 */
class EngineAllocationTest {

    @Test
    void aWholeSessionAllocatesNothingAfterWarmUp() {
        byte[] bytes = RollerSimulator.renderAll(ScenarioLibrary.load("full-session"),
            SimOptions.defaults().withSendHello(false).withDropRate(0.01));
        long[] published = {0};
        TechniqueEngine engine = new TechniqueEngine(TechniqueConfig.defaults(), Routine.guide(),
            (type, device, body, offset, length) -> published[0] += length, RollerLink.NONE,
            SessionLedger.inMemory(), "bench");
        FrameDispatcher dispatcher = new FrameDispatcher(engine);
        for (int i = 0; i < 5; i++) {
            dispatcher.onBytes(bytes, 0, bytes.length); // warm-up: the JIT compiles the path
        }
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        long samples = 0;
        for (int i = 0; i < 3; i++) {
            samples += dispatcher.onBytes(bytes, 0, bytes.length);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(published[0] > 0);
        // A session has its start and end (a ledger entry, a few strings): allow that, nothing per sample.
        assertTrue(allocated < 16_384, allocated + " bytes allocated over " + samples + " frames");
    }
}
