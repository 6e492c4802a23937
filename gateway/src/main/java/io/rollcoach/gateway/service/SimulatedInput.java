package io.rollcoach.gateway.service;

import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import io.rollcoach.gateway.input.FrameDispatcher;
import io.rollcoach.gateway.input.RollerListener;
import io.rollcoach.protocol.ProtocolV1;
import io.rollcoach.sim.RollerSimulator;
import io.rollcoach.sim.SimOptions;
import io.rollcoach.sim.scenario.Scenario;

/**
 * A simulated roller inside the gateway (the demo, or a display to try without hardware): the simulator's frames
 * at real time (or {@code speed} times faster) through the same decoder as a serial port. CUEs go back to it.
 */
public final class SimulatedInput implements RollerInput {
    private static final long TICK_NANOS = 100_000_000L;
    /** A roller goes on sending while nobody is on it: a second of that after the scenario ends its last contact. */
    private static final double TRAIL_S = 1.0;

    private final Scenario scenario;
    private final SimOptions options;
    private final double speed;
    private final boolean loop;
    private final RollerListener listener;
    private final FrameDispatcher dispatcher;
    private final InputStats stats = new InputStats();
    private final Thread thread;
    private volatile RollerSimulator simulator;
    private volatile boolean running = true;
    private volatile boolean finished;

    public SimulatedInput(Scenario scenario, SimOptions options, double speed, boolean loop, RollerListener listener) {
        this.scenario = scenario;
        this.options = options;
        this.speed = speed;
        this.loop = loop;
        this.listener = listener;
        this.dispatcher = new FrameDispatcher(listener);
        this.thread = new Thread(this::run, "roller-sim-" + scenario.name());
        thread.setDaemon(true);
    }

    @Override
    public void start() {
        simulator = new RollerSimulator(scenario, options).trailUnloaded(TRAIL_S);
        thread.start();
    }

    /** True once the scenario has played to its end (and does not loop). */
    public boolean finished() {
        return finished;
    }

    private void run() {
        byte[] frame = new byte[ProtocolV1.MAX_FRAME_LENGTH];
        long start = System.nanoTime();
        long lastTick = start;
        long round = 0;
        while (running) {
            long now = System.nanoTime();
            if (now - lastTick >= TICK_NANOS) {
                listener.onTick(now);
                lastTick = now;
            }
            if (finished) {
                LockSupport.parkNanos(TICK_NANOS);
                continue;
            }
            long due = start + (long) (simulator.nextFrameDueNanos() / speed);
            if (due > now) {
                LockSupport.parkNanos(Math.min(due - now, TICK_NANOS));
                continue;
            }
            int length = simulator.nextFrame(frame, 0);
            if (length < 0) {
                if (loop) {
                    round++;
                    simulator = new RollerSimulator(scenario, options.withSeed(options.seed() + round))
                        .trailUnloaded(TRAIL_S);
                    start = System.nanoTime();
                } else {
                    finished = true;
                }
                continue;
            }
            long before = System.nanoTime();
            dispatcher.onBytes(frame, 0, length);
            stats.batch(dispatcher.stats().framesDecoded(), System.nanoTime() - before);
        }
    }

    @Override
    public boolean send(byte[] frame, int offset, int length) {
        RollerSimulator current = simulator;
        if (current == null) {
            return false;
        }
        current.onGatewayBytes(frame, offset, length);
        return true;
    }

    @Override
    public Map<String, Object> health() {
        Map<String, Object> health = stats.health(!finished, dispatcher.stats());
        health.put("input", describe());
        return health;
    }

    @Override
    public String describe() {
        return "simulated roller, scenario " + scenario.name() + (speed != 1 ? " at " + speed + "x" : "");
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
