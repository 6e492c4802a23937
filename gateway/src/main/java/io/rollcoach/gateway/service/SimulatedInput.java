package io.rollcoach.gateway.service;

import java.util.List;
import java.util.Map;

import io.rollcoach.gateway.agent.AgentErrors;
import io.rollcoach.gateway.agent.Pacing;
import io.rollcoach.gateway.agent.AgentThreads;
import io.rollcoach.gateway.input.FrameDispatcher;
import io.rollcoach.gateway.input.GuardedListener;
import io.rollcoach.gateway.input.RollerListener;
import io.rollcoach.protocol.ProtocolV1;
import io.rollcoach.sim.RollerSimulator;
import io.rollcoach.sim.SimOptions;
import io.rollcoach.sim.scenario.Scenario;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated roller inside the gateway (the demo, or a display to try without hardware): the simulator's frames
 * at real time (or {@code speed} times faster) through the same decoder as a serial port. CUEs go back to it.
 * An agent on its own thread, {@code roller-sim-<scenario>}; every listener call comes on it. What the listener
 * throws is counted in {@link #agentErrors()} and the frames go on.
 */
public final class SimulatedInput implements RollerInput {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedInput.class);
    private static final long TICK_NANOS = 100_000_000L;
    /** A roller goes on sending while nobody is on it: a second of that after the scenario ends its last contact. */
    private static final double TRAIL_S = 1.0;
    /** A cycle parks at most until the next frame or tick is due, so the agent stops within ~100 ms. */
    private static final int CLOSE_WAIT_MS = 1000;

    private final Scenario scenario;
    private final SimOptions options;
    private final double speed;
    private final boolean loop;
    private final RollerListener listener;
    private final FrameDispatcher dispatcher;
    private final InputStats stats = new InputStats();
    private final AgentErrors errors;
    /** Parks after a cycle without a due frame, until the next frame or tick. */
    private final Pacing pacing = new Pacing();
    private final AgentRunner runner;
    private volatile RollerSimulator simulator;
    private volatile boolean finished;

    // agent thread only
    private final byte[] frame = new byte[ProtocolV1.MAX_FRAME_LENGTH];
    private long startNanos;
    private long lastTickNanos;
    private long round;

    public SimulatedInput(Scenario scenario, SimOptions options, double speed, boolean loop, RollerListener listener) {
        this.scenario = scenario;
        this.options = options;
        this.speed = speed;
        this.loop = loop;
        Player player = new Player();
        this.errors = new AgentErrors(player.roleName());
        this.listener = new GuardedListener(listener, errors);
        this.dispatcher = new FrameDispatcher(this.listener);
        this.runner = new AgentRunner(pacing, errors, null, player);
    }

    @Override
    public void start() {
        simulator = new RollerSimulator(scenario, options).trailUnloaded(TRAIL_S);
        AgentThreads.start(runner);
    }

    /** True once the scenario has played to its end (and does not loop). */
    public boolean finished() {
        return finished;
    }

    /** Plays the scenario: a frame each cycle while one is due, a tick at least every 100 ms. */
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
            long due = startNanos + (long) (simulator.nextFrameDueNanos() / speed);
            if (due > now) {
                pacing.parkFor(Math.min(due - now, TICK_NANOS));
                return 0;
            }
            int length = simulator.nextFrame(frame, 0);
            if (length < 0) {
                if (loop) {
                    round++;
                    // once a round, not per frame: a fresh simulator is the simplest way to play it again
                    simulator = new RollerSimulator(scenario, options.withSeed(options.seed() + round))
                        .trailUnloaded(TRAIL_S);
                    startNanos = System.nanoTime();
                } else {
                    finished = true;
                }
                return 1;
            }
            long before = System.nanoTime();
            dispatcher.onBytes(frame, 0, length);
            stats.batch(dispatcher.stats().framesDecoded(), System.nanoTime() - before);
            return 1;
        }

        @Override
        public String roleName() {
            return "roller-sim-" + scenario.name();
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
        return "simulated roller, scenario " + scenario.name() + (speed != 1 ? " at " + speed + "x" : "");
    }

    @Override
    public void close() {
        if (!AgentThreads.close(runner, CLOSE_WAIT_MS)) {
            LOG.warn("{} did not stop within {} ms", runner.agent().roleName(), CLOSE_WAIT_MS);
        }
    }
}
