package io.rollcoach.gateway.history;

import io.rollcoach.gateway.command.Command;
import io.rollcoach.gateway.input.FrameDispatcher;
import io.rollcoach.gateway.outbox.Outbox;
import io.rollcoach.gateway.outbox.OutboxMessageType;
import io.rollcoach.gateway.technique.RollerLink;
import io.rollcoach.gateway.technique.Routine;
import io.rollcoach.gateway.technique.TechniqueConfig;
import io.rollcoach.gateway.technique.TechniqueEngine;
import io.rollcoach.sim.RollerSimulator;
import io.rollcoach.sim.SimOptions;
import io.rollcoach.sim.scenario.ScenarioLibrary;

/** An engine whose ledger is the history, writing through an outbox as the gateway does. */
final class HistoryRig implements AutoCloseable {
    final Outbox outbox = new Outbox(Outbox.DEFAULT_CAPACITY_BYTES);
    final HistoryStore store;
    final HistoryWriter writer;
    final TechniqueEngine engine;
    final FrameDispatcher dispatcher;

    HistoryRig(HistoryStore store, String person) {
        this.store = store;
        this.writer = new HistoryWriter(store, outbox.subscribe("history",
            OutboxMessageType.SESSION, OutboxMessageType.FEEDBACK));
        this.engine = new TechniqueEngine(TechniqueConfig.defaults(), Routine.guide(), outbox, RollerLink.NONE, store,
            null);
        engine.selectPerson(person);
        this.dispatcher = new FrameDispatcher(engine);
        writer.start();
    }

    static byte[] render(String scenario) {
        return RollerSimulator.renderAll(ScenarioLibrary.load(scenario), SimOptions.defaults());
    }

    void feed(byte[] bytes, double from, double to) {
        int start = (int) (bytes.length * from);
        dispatcher.onBytes(bytes, start, (int) (bytes.length * to) - start);
    }

    /** session/end, carried out as the roller thread would: queued, then served at the next tick. */
    void endSession() {
        engine.submit(new Command.EndSession());
        engine.onTick(System.nanoTime());
    }

    @Override
    public void close() {
        engine.shutdown();
        writer.close();
    }
}
