package io.rollcoach.bench;

import java.util.concurrent.TimeUnit;

import io.rollcoach.gateway.input.FrameDispatcher;
import io.rollcoach.gateway.input.RollerListener;
import io.rollcoach.gateway.technique.RollerLink;
import io.rollcoach.gateway.technique.Routine;
import io.rollcoach.gateway.technique.TechniqueConfig;
import io.rollcoach.gateway.technique.TechniqueEngine;
import io.rollcoach.sim.RollerSimulator;
import io.rollcoach.sim.SimOptions;
import io.rollcoach.sim.scenario.ScenarioLibrary;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The technique engine alone, one sample per operation: a whole guided session of both legs (48,000 samples with
 * button presses, every rule and event, telemetry and summaries), replayed with the roller clock running on.
 * Events go to a sink that only counts bytes, as the outbox's copy would. Run with {@code -prof gc} for bytes
 * per sample.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
public class EngineBenchmark {
    static final int SESSION_SAMPLES = 48_000;

    private long[] times;
    private int[] forces;
    private int[] angles;
    private int[] flags;
    private int count;
    private long pass;
    private long sessionUs;
    private long publishedBytes;
    private TechniqueEngine engine;

    @Setup(Level.Trial)
    public void setUp() {
        byte[] bytes = RollerSimulator.renderAll(ScenarioLibrary.load("full-session"),
            SimOptions.defaults().withSendHello(false));
        times = new long[60_000];
        forces = new int[60_000];
        angles = new int[60_000];
        flags = new int[60_000];
        new FrameDispatcher(new Collector()).onBytes(bytes, 0, bytes.length);
        if (count < SESSION_SAMPLES) {
            throw new IllegalStateException("the session has only " + count + " samples");
        }
        sessionUs = times[SESSION_SAMPLES - 1] - times[0] + 10_000;
        engine = new TechniqueEngine(TechniqueConfig.defaults(), Routine.guide(),
            (type, device, body, offset, length) -> publishedBytes += length, RollerLink.NONE,
            person -> 1, "bench");
    }

    @Benchmark
    @OperationsPerInvocation(SESSION_SAMPLES)
    public void wholeSession(Blackhole blackhole) {
        long offset = pass++ * sessionUs;
        for (int i = 0; i < SESSION_SAMPLES; i++) {
            engine.onSample((times[i] + offset) & 0xFFFF_FFFFL, forces[i], angles[i], flags[i]);
        }
        blackhole.consume(publishedBytes);
    }

    private final class Collector implements RollerListener {
        @Override
        public void onSample(long timeUs, int force, int angle, int sampleFlags) {
            if (count < times.length) {
                times[count] = timeUs;
                forces[count] = force;
                angles[count] = angle;
                flags[count] = sampleFlags;
                count++;
            }
        }
    }
}
