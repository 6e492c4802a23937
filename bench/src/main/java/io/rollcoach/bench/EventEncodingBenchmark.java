package io.rollcoach.bench;

import java.util.concurrent.TimeUnit;

import io.rollcoach.protocol.feedback.FeedbackEvent;
import io.rollcoach.protocol.feedback.FeedbackEventWriter;
import io.rollcoach.protocol.feedback.Rule;
import io.rollcoach.protocol.feedback.Severity;
import io.rollcoach.protocol.feedback.Telemetry;
import io.rollcoach.protocol.feedback.TelemetryWriter;
import io.rollcoach.protocol.feedback.Verdict;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JSON the engine publishes, one message per operation: a feedback event with every optional field (the
 * longest kind) and a telemetry snapshot, written into a reused buffer as the engine does before the outbox copies
 * them. Numbers change from one operation to the next so the digit loops do real work. Run with {@code -prof gc}
 * for bytes per message.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
public class EventEncodingBenchmark {
    private static final Rule[] RULES = Rule.values();

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[FeedbackEventWriter.MAX_LENGTH]);
    private final FeedbackEventWriter eventWriter = new FeedbackEventWriter();
    private final TelemetryWriter telemetryWriter = new TelemetryWriter();
    private final FeedbackEvent event = new FeedbackEvent();
    private final Telemetry telemetry = new Telemetry();
    private final StringBuilder step = new StringBuilder("soleus-left");
    private long n;

    @Setup(Level.Trial)
    public void fill() {
        event.device = "00c0ffee00000001";
        event.verdict = Verdict.TOO_LONG;
        event.severity = Severity.WARN;
        event.unit = "mm";
        event.min = 25.4;
        event.max = 50.8;
        event.step = step;
        event.message.append("Shorter strokes: 1 to 2 in on and off the spot, not the whole calf.");
        telemetry.device = "00c0ffee00000001";
        telemetry.step = step;
        telemetry.contact = true;
        telemetry.tissueTargetSeconds = 90;
    }

    @Benchmark
    public int feedbackEvent() {
        long i = n++;
        event.timeSeconds = i * 0.013;
        event.sequence = i;
        event.rule = RULES[(int) (i % RULES.length)];
        event.value = 60 + (i % 400) * 0.1;
        return eventWriter.write(event, buffer, 0);
    }

    @Benchmark
    public int telemetry() {
        long i = n++;
        double t = i * 0.1;
        telemetry.timeSeconds = t;
        telemetry.positionMm = 40 + (i % 97);
        telemetry.forceNewtons = 250 + (i % 31) * 0.7;
        telemetry.lastStrokeMm = 35.5 + (i % 13);
        telemetry.cadencePerMinute = 30 + (i % 7);
        telemetry.coverageMm = 70 + (i % 11);
        telemetry.dwellSeconds = (i % 200) * 0.1;
        telemetry.stepSeconds = (i % 900) * 0.1;
        telemetry.tissueSeconds = (i % 900) * 0.1;
        telemetry.sessionSeconds = t;
        return telemetryWriter.write(telemetry, buffer, 0);
    }
}
