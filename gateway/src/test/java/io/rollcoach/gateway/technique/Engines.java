package io.rollcoach.gateway.technique;

import io.rollcoach.gateway.input.FrameDispatcher;
import io.rollcoach.sim.RollerSimulator;
import io.rollcoach.sim.SimOptions;
import io.rollcoach.sim.scenario.ScenarioLibrary;

/** Builds engines and runs simulator scenarios through the same decoder the gateway uses. */
final class Engines {
    private Engines() {
    }

    static TechniqueEngine engine(RecordingSink sink) {
        return engine(sink, TechniqueConfig.defaults());
    }

    static TechniqueEngine engine(RecordingSink sink, TechniqueConfig config) {
        return new TechniqueEngine(config, Routine.guide(), sink, RollerLink.NONE, SessionLedger.inMemory(), null);
    }

    /** Renders a scenario and feeds its bytes, in uneven chunks as a serial port delivers them. */
    static RecordingSink run(String scenario, SimOptions options) {
        return run(scenario, options, TechniqueConfig.defaults());
    }

    static RecordingSink run(String scenario, SimOptions options, TechniqueConfig config) {
        RecordingSink sink = new RecordingSink();
        feed(engine(sink, config), RollerSimulator.renderAll(ScenarioLibrary.load(scenario), options));
        return sink;
    }

    static FrameDispatcher feed(TechniqueEngine engine, byte[] bytes) {
        FrameDispatcher dispatcher = new FrameDispatcher(engine);
        int chunk = 1;
        for (int offset = 0; offset < bytes.length; ) {
            int length = Math.min(chunk, bytes.length - offset);
            dispatcher.onBytes(bytes, offset, length);
            offset += length;
            chunk = chunk * 7 % 509 + 1;
        }
        return dispatcher;
    }
}
