package io.rollcoach.gateway.gpio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

import io.rollcoach.gateway.agent.AgentErrors;
import io.rollcoach.gateway.agent.WaitWhenIdle;
import io.rollcoach.gateway.agent.AgentThreads;
import io.rollcoach.gateway.input.GuardedListener;
import io.rollcoach.gateway.input.RollerListener;
import io.rollcoach.protocol.HelloDecoder;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A roller wired to the header: samples its force, angle and button at a fixed rate on the
 * {@code gpio-sampler-<name>} agent's thread and tells a {@link RollerListener} exactly what a serial roller would
 * (HELLO, samples, presses, ticks, link lost and restored). The schedule is absolute ({@code start + k * period} on
 * {@link System#nanoTime()}), so lateness never accumulates into drift; how late each sample started is kept for
 * {@link #health()}. A sensor that stops answering is logged once, reported as a lost link and retried every 500 ms;
 * nothing a sensor or listener throws ends the agent: it is counted ({@code loopErrors}) and logged sparingly. The
 * per-sample path allocates nothing. A quadrature encoder is polled by its own {@code gpio-quadrature-<name>} agent.
 */
public final class GpioRoller implements AutoCloseable {
    static final long RETRY_NANOS = 500_000_000L;
    /** Park until this close to the deadline, then spin: parking alone overshoots by 50-100 µs on a Pi. */
    static final long SPIN_NANOS = 100_000L;
    /**
     * 5 kHz: enough for ~2,500 encoder transitions a second, far above rolling speeds with a few-hundred-line encoder.
     */
    static final long QUADRATURE_POLL_NANOS = 200_000L;
    private static final Logger LOG = LoggerFactory.getLogger(GpioRoller.class);
    private static final int CLOSE_WAIT_MS = 2_000;
    private final String name;
    private final ForceSensor force;
    private final AngleSensor angle;
    private final PushButton button;
    private final int rateHz;
    private final long periodNanos;
    private final int radiusTenthMm;
    private final RollerListener listener;
    private final IntervalJitter jitter = new IntervalJitter();
    private final AgentErrors errors;
    private final AgentErrors encoderErrors;
    private final List<AgentRunner> runners = new ArrayList<>();
    private boolean running;

    // sampler thread state
    private long nextSampleNanos;
    private boolean begun;
    private long epochNanos;
    private boolean linkUp = true;
    private long nextRetryNanos;
    private AutoCloseable failedSensor;
    /** Run after the sensors are closed: the Pi4J context they were opened on. */
    private final List<Runnable> alsoOnClose = new ArrayList<>();
    private RuntimeException failure;
    private int forceDeciNewtons;
    private int angleTenthMilliradians;
    private int flags;
    private int buttonCode;
    private long reportedMissed = -1;

    // read by health() from other threads
    private volatile long samples;
    private volatile long missedSamples;
    private volatile long sensorFailures;
    private volatile boolean linkUpSeen = true;
    private volatile String lastFailure = "";

    public GpioRoller(String name, ForceSensor force, AngleSensor angle, PushButton button, int rateHz,
                      int radiusTenthMm, RollerListener listener) {
        this.name = Objects.requireNonNull(name, "name");
        this.force = Objects.requireNonNull(force, "force");
        this.angle = Objects.requireNonNull(angle, "angle");
        this.button = button;
        if (rateHz < 1 || rateHz > 1000) {
            throw new IllegalArgumentException("rateHz must be 1..1000, was " + rateHz);
        }
        this.rateHz = rateHz;
        this.periodNanos = 1_000_000_000L / rateHz;
        this.radiusTenthMm = radiusTenthMm;
        this.errors = new AgentErrors("gpio-sampler-" + name);
        this.encoderErrors = new AgentErrors("gpio-quadrature-" + name);
        this.listener = new GuardedListener(Objects.requireNonNull(listener, "listener"), errors);
    }

    /** Runs {@code action} when the roller closes, after its sensors (e.g. shutting down their Pi4J context). */
    public synchronized void closeAlso(Runnable action) {
        alsoOnClose.add(action);
    }

    /** Starts the sampler (and the encoder poller, if any). */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        runners.add(new AgentRunner(new UntilNextSample(), errors, null, new Sampler()));
        if (angle instanceof QuadratureEncoder encoder) {
            // a poll is always followed by the same sleep: the encoder is read at a fixed rate, not drained
            runners.add(new AgentRunner(new SleepingIdleStrategy(QUADRATURE_POLL_NANOS), encoderErrors, null,
                new EncoderPoller(encoder)));
        }
        runners.forEach(AgentThreads::start);
    }

    /** Stops the agents, waits for them (2 s each at most), and closes the sensors. */
    @Override
    public synchronized void close() {
        running = false;
        for (AgentRunner runner : runners) {
            if (!AgentThreads.close(runner, CLOSE_WAIT_MS)) {
                LOG.warn("GPIO roller '{}': {} did not stop within {} ms; closing its sensors anyway", name,
                    runner.agent().roleName(), CLOSE_WAIT_MS);
            }
        }
        runners.clear();
        closeQuietly(force);
        closeQuietly(angle);
        closeQuietly(button);
        for (Runnable action : alsoOnClose) {
            action.run();
        }
        alsoOnClose.clear();
    }

    /**
     * Sampling figures: samples taken, schedule slots missed, link state, sensor failures, and how late samples
     * started against their schedule (p50/p99/max, µs).
     */
    public Map<String, Object> health() {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("name", name);
        health.put("rateHz", rateHz);
        health.put("samples", samples);
        health.put("missedSamples", missedSamples);
        health.put("linkUp", linkUpSeen);
        health.put("sensorFailures", sensorFailures);
        health.put("lastFailure", lastFailure);
        health.put("loopErrors", errors.count() + encoderErrors.count());
        health.put("jitterP50Us", jitter.percentileMicros(50));
        health.put("jitterP99Us", jitter.percentileMicros(99));
        health.put("jitterMaxUs", jitter.maxMicros());
        if (angle instanceof QuadratureEncoder encoder) {
            health.put("encoderMissedTransitions", encoder.missedTransitions());
        }
        return health;
    }

    /** The agents' error counts: the sampler's (sensors, listener) and the encoder poller's. */
    public List<AgentErrors> errors() {
        return angle instanceof QuadratureEncoder ? List.of(errors, encoderErrors) : List.of(errors);
    }

    /** Takes one sample each time one is due; between them {@link UntilNextSample} waits. */
    private final class Sampler implements Agent {
        @Override
        public void onStart() {
            nextSampleNanos = System.nanoTime();
        }

        @Override
        public int doWork() {
            long now = System.nanoTime();
            long next = nextSampleNanos;
            if (now - next < 0) {
                return 0;
            }
            long late = now - next;
            jitter.record(late);
            if (late >= periodNanos) {
                // A pause (GC, overloaded CPU) ate whole periods: skip them rather than sampling in a burst.
                long skipped = late / periodNanos;
                missedSamples = missedSamples + skipped;
                next += skipped * periodNanos;
            }
            nextSampleNanos = next + periodNanos; // first: a sample that throws must not be retried at once
            sampleOnce(now);
            return 1;
        }

        @Override
        public String roleName() {
            return errors.roleName();
        }
    }

    /**
     * Parks until just before the next sample is due, then spins to it: parking alone overshoots by 50-100 µs on a
     * Pi. Ends early when the roller closes (the park is bounded by one period).
     */
    private final class UntilNextSample extends WaitWhenIdle {
        @Override
        public void idle() {
            long wait = nextSampleNanos - System.nanoTime();
            if (wait > SPIN_NANOS) {
                LockSupport.parkNanos(this, wait - SPIN_NANOS); // may end early: the next cycle checks again
            } else {
                Thread.onSpinWait();
            }
        }
    }

    /** Reads the encoder's pins; every transition between two polls is counted by the encoder itself. */
    private final class EncoderPoller implements Agent {
        private final QuadratureEncoder encoder;

        EncoderPoller(QuadratureEncoder encoder) {
            this.encoder = encoder;
        }

        @Override
        public int doWork() {
            encoder.poll();
            return 0;
        }

        @Override
        public String roleName() {
            return encoderErrors.roleName();
        }
    }

    /** One sampling step at {@code nowNanos}; the loop calls it on schedule, tests call it directly. */
    void sampleOnce(long nowNanos) {
        if (!begun) {
            begin(nowNanos);
        }
        if (linkUp || nowNanos - nextRetryNanos >= 0) {
            if (readAll(nowNanos)) {
                if (!linkUp) {
                    linkUp = true;
                    linkUpSeen = true;
                    LOG.info("GPIO roller '{}': {} answers again; sampling resumed", name,
                        describe(failedSensor));
                    listener.onLinkRestored();
                }
                long timeUs = (nowNanos - epochNanos) / 1_000 & 0xFFFF_FFFFL;
                listener.onSample(timeUs, forceDeciNewtons, angleTenthMilliradians, flags);
                if (buttonCode != 0) {
                    listener.onButton(buttonCode);
                }
                samples = samples + 1;
            } else {
                sensorFailures = sensorFailures + 1;
                nextRetryNanos = nowNanos + RETRY_NANOS;
                if (linkUp) {
                    linkUp = false;
                    linkUpSeen = false;
                    lastFailure = describe(failedSensor) + ": " + failure.getMessage();
                    LOG.warn("GPIO roller '{}': {} stopped answering ({}); retrying every {} ms", name,
                        describe(failedSensor), failure.getMessage(), RETRY_NANOS / 1_000_000);
                    listener.onLinkLost();
                }
            }
        }
        long missed = missedSamples;
        if (missed != reportedMissed) {
            reportedMissed = missed;
            listener.onDataQuality(missed, 0);
        }
        listener.onTick(nowNanos);
    }

    private void begin(long nowNanos) {
        begun = true;
        epochNanos = nowNanos;
        int sensors = HelloDecoder.SENSOR_FORCE | HelloDecoder.SENSOR_ROTATION
            | (button != null ? HelloDecoder.SENSOR_BUTTON : 0);
        listener.onHello(deviceId(name), 0, 0, rateHz, radiusTenthMm, sensors);
    }

    /** A stable id from the name, as a serial roller's would be from its chip. */
    static long deviceId(String name) {
        long hash = 0xcbf29ce484222325L; // FNV-1a, 64 bits
        for (int i = 0; i < name.length(); i++) {
            hash ^= name.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    private boolean readAll(long nowNanos) {
        AutoCloseable reading = force;
        try {
            double newtons = force.readNewtons();
            reading = angle;
            double radians = angle.readRadians();
            int code = 0;
            boolean held = false;
            if (button != null) {
                reading = button;
                code = button.poll(nowNanos);
                held = button.isHeld();
            }
            forceDeciNewtons = (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(newtons * 10)));
            angleTenthMilliradians = (int) Math.round(radians * 10_000);
            flags = held ? 1 : 0;
            buttonCode = code;
            return true;
        } catch (RuntimeException e) {
            failedSensor = reading;
            failure = e;
            return false;
        }
    }

    private static String describe(AutoCloseable sensor) {
        if (sensor instanceof ForceSensor f) {
            return f.describe();
        }
        if (sensor instanceof AngleSensor a) {
            return a.describe();
        }
        if (sensor instanceof PushButton b) {
            return b.describe();
        }
        return "a sensor";
    }

    private static void closeQuietly(AutoCloseable sensor) {
        if (sensor == null) {
            return;
        }
        try {
            sensor.close();
        } catch (Exception e) {
            LOG.debug("closing {} failed", describe(sensor), e);
        }
    }
}
