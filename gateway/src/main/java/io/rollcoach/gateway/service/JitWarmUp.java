package io.rollcoach.gateway.service;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.rollcoach.gateway.input.FrameDispatcher;
import io.rollcoach.gateway.outbox.MessageSink;
import io.rollcoach.gateway.technique.RollerLink;
import io.rollcoach.gateway.technique.Routine;
import io.rollcoach.gateway.technique.SessionLedger;
import io.rollcoach.gateway.technique.TechniqueConfig;
import io.rollcoach.gateway.technique.TechniqueEngine;
import io.rollcoach.sim.RollerSimulator;
import io.rollcoach.sim.SimOptions;
import io.rollcoach.sim.scenario.ScenarioLibrary;
import org.agrona.DirectBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a few built-in scenarios through a throwaway engine once, soon after the start, so that the code which runs
 * only when something is said (the rules' verdicts, the coach, the feedback and summary writers) is compiled before a
 * person's first event. Without it that code runs interpreted, and is compiled while it runs, for the first minutes:
 * an event then took 0.2–0.3 ms longer than a telemetry message on its way out, the JIT's own thread taking the
 * second core. Nothing it does reaches an output, the history or a roller.
 */
final class JitWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(JitWarmUp.class);
    /** Scenarios rich in verdicts, the whole guided session last (steps, summaries, the coach's review). */
    static final List<String> SCENARIOS = List.of("too-fast", "too-wide", "strokes-too-long", "one-way-lift",
        "hold-still", "bounces", "full-session");
    /** Out of the way of the start itself: a person takes longer than this to get onto the roller. */
    static final long DELAY_MS = 2_000;

    private final TechniqueConfig config;
    private final Routine routine;

    JitWarmUp(TechniqueConfig config, Routine routine) {
        this.config = config;
        this.routine = routine;
    }

    /** Starts the warm-up on a daemon thread of its own after {@link #DELAY_MS}; it ends by itself. */
    void startInBackground() {
        Thread thread = new Thread(() -> {
            try {
                Thread.sleep(DELAY_MS);
                run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("warm-up stopped early; the gateway is unaffected", e); // only slower to its first events
            }
        }, "jit-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /**
     * Plays every scenario through one engine, as fast as it goes.
     *
     * @return the feedback events the engine said (to show it judged something)
     */
    long run() {
        long start = System.nanoTime();
        MessageSink discard = JitWarmUp::discard;
        TechniqueEngine engine = new TechniqueEngine(config, routine, discard, RollerLink.NONE,
            SessionLedger.inMemory(), "warm-up");
        FrameDispatcher dispatcher = new FrameDispatcher(engine);
        long frames = 0;
        for (String name : SCENARIOS) {
            byte[] wire = RollerSimulator.renderAll(ScenarioLibrary.load(name), SimOptions.defaults());
            dispatcher.onBytes(wire, 0, wire.length);
            frames = dispatcher.stats().framesDecoded();
        }
        long events = engine.eventCount();
        LOG.debug("warm-up: {} frames, {} events in {} ms", frames, events,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return events;
    }

    private static void discard(int type, CharSequence device, DirectBuffer body, int offset, int length) {
        // the writers have run; what they wrote goes nowhere
    }
}
