package io.rollcoach.gateway.display;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

import io.rollcoach.gateway.command.CommandRouter;
import io.rollcoach.gateway.input.FrameDispatcher;
import io.rollcoach.gateway.outbox.Outbox;
import io.rollcoach.gateway.outbox.OutboxMessageType;
import io.rollcoach.gateway.technique.RollerLink;
import io.rollcoach.gateway.technique.Routine;
import io.rollcoach.gateway.technique.SessionLedger;
import io.rollcoach.gateway.technique.TechniqueConfig;
import io.rollcoach.gateway.technique.TechniqueEngine;
import io.rollcoach.protocol.ProtocolV1;
import io.rollcoach.sim.RollerSimulator;
import io.rollcoach.sim.SimOptions;
import io.rollcoach.sim.scenario.ScenarioLibrary;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One real engine, its outbox (with a "display" subscription) and the display server, wired as the app does. The
 * engine runs on one "roller" thread, which plays the scenarios and between them ticks, so commands get answered.
 */
final class DisplayRig implements AutoCloseable {
    static final String ROLLER = "00c0ffee00000001";

    final Outbox outbox = new Outbox(Outbox.DEFAULT_CAPACITY_BYTES);
    final CommandRouter router = new CommandRouter();
    final TechniqueEngine engine;
    final DisplayServer server;
    /** Every feedback event the engine wrote, as text, in order. */
    final List<String> feedback = new CopyOnWriteArrayList<>();
    private final Thread rollerThread;
    private volatile boolean stopped;
    private volatile boolean paused;

    /**
     * @param speed 0: as fast as possible; 1: real time; more: faster
     */
    DisplayRig(DisplaySettings settings, double speed, String... scenarios) throws Exception {
        Outbox.Subscription display = outbox.subscribe("display");
        engine = new TechniqueEngine(TechniqueConfig.defaults(), Routine.guide(), (type, device, body, off, len) -> {
            if (type == OutboxMessageType.FEEDBACK) {
                byte[] copy = new byte[len];
                body.getBytes(off, copy);
                feedback.add(new String(copy, StandardCharsets.UTF_8));
            }
            outbox.publish(type, device, body, off, len);
        }, RollerLink.NONE, SessionLedger.inMemory(), null);
        router.register(engine::deviceName, engine);
        server = new DisplayServer(settings, display, router);
        server.start();
        rollerThread = new Thread(() -> run(speed, scenarios), "roller-sim");
        rollerThread.setDaemon(true);
    }

    /** Holds the roller where it is for good (no more samples), so a synthetic coach state is not replaced at once. */
    DisplayRig pause() {
        paused = true;
        return this;
    }

    /** Starts the roller: a page connected before this sees every message. */
    DisplayRig roll() {
        rollerThread.start();
        return this;
    }

    static DisplaySettings local(String pin) {
        return new DisplaySettings("127.0.0.1", 0, pin, true);
    }

    private void run(double speed, String[] scenarios) {
        FrameDispatcher dispatcher = new FrameDispatcher(engine);
        byte[] frame = new byte[ProtocolV1.MAX_FRAME_LENGTH];
        long clockUs = 0;
        for (int i = 0; i < scenarios.length && !stopped; i++) {
            // one roller: later scenarios continue its clock and skip the HELLO, as a long session would
            SimOptions options = SimOptions.defaults().withSendHello(i == 0).withClockStartUs(clockUs);
            RollerSimulator simulator = new RollerSimulator(ScenarioLibrary.load(scenarios[i]), options);
            long start = System.nanoTime();
            while (!stopped) {
                if (paused) { // the person stopped mid-session: the engine still answers commands
                    engine.onTick(System.nanoTime());
                    LockSupport.parkNanos(2_000_000);
                    continue;
                }
                if (speed > 0) {
                    long wait = start + (long) (simulator.nextFrameDueNanos() / speed) - System.nanoTime();
                    if (wait > 0) {
                        engine.onTick(System.nanoTime());
                        LockSupport.parkNanos(Math.min(wait, 5_000_000));
                        continue;
                    }
                }
                int length = simulator.nextFrame(frame, 0);
                if (length < 0) {
                    clockUs = (clockUs + simulator.nextFrameDueNanos() / 1000) & 0xFFFF_FFFFL;
                    break;
                }
                dispatcher.onBytes(frame, 0, length);
            }
        }
        while (!stopped) { // done rolling: keep answering commands
            engine.onTick(System.nanoTime());
            LockSupport.parkNanos(2_000_000);
        }
    }

    /** Writes a message into the outbox as an engine would: a synthetic coach state, session or event. */
    void publish(int type, String json) {
        byte[] body = json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
        outbox.publish(type, ROLLER, new UnsafeBuffer(body), 0, body.length);
    }

    String url(String path) {
        return server.url() + (path.startsWith("/") ? path.substring(1) : path);
    }

    @Override
    public void close() {
        stopped = true;
        try {
            if (rollerThread.isAlive()) {
                rollerThread.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
    }
}
