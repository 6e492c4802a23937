package io.rollcoach.bench;

import java.util.concurrent.TimeUnit;

import io.rollcoach.protocol.FrameDecoder;
import io.rollcoach.protocol.FrameEncoder;
import io.rollcoach.protocol.FrameHandler;
import io.rollcoach.protocol.MessageType;
import io.rollcoach.protocol.ProtocolV1;
import io.rollcoach.protocol.SampleDecoder;
import io.rollcoach.protocol.SampleEncoder;
import org.agrona.DirectBuffer;
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

/**
 * Frame decoding throughput: about 1 MB of SAMPLE frames, pre-rendered, through {@link FrameDecoder} (COBS, crc,
 * checks) and {@link SampleDecoder}. One op is one frame, so the score is frames/s; every SAMPLE frame is
 * {@link #FRAME_LENGTH} bytes on the wire, so MB/s = frames/s × 19 / 10^6. The handler sums every field so the JIT
 * cannot drop the decoding.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// Agrona 2's UnsafeBuffer reaches jdk.internal.misc; the forked JVM is not started from the jar's manifest.
@Fork(value = 1, jvmArgsAppend = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
public class DecoderBenchmark {
    /** 55,000 frames of 19 bytes: 1,045,000 bytes. */
    static final int FRAMES = 55_000;
    /** COBS adds 1 byte to a 17-byte body, the delimiter 1 more. */
    static final int FRAME_LENGTH = 19;

    private byte[] stream;
    private final FrameDecoder decoder = new FrameDecoder();
    private final SummingHandler handler = new SummingHandler();

    @Setup(Level.Trial)
    public void render() {
        FrameEncoder encoder = new FrameEncoder();
        SampleEncoder sample = new SampleEncoder().wrap(encoder.payloadBuffer(), ProtocolV1.PAYLOAD_OFFSET);
        stream = new byte[FRAMES * FRAME_LENGTH];
        int offset = 0;
        for (int i = 0; i < FRAMES; i++) {
            // A roller at 100 Hz: 10 ms steps, a swinging load and a stroke back and forth.
            double t = i / 100.0;
            sample.timeUs(i * 10_000L)
                .forceDeciNewtons((int) (2500 + 300 * Math.sin(t * 3.1)))
                .angleTenthMilliradians((int) (5000 * Math.sin(t * 1.05)))
                .flags(i % 500 < 20 ? SampleDecoder.FLAG_BUTTON_HELD : 0);
            int length = encoder.encode(MessageType.SAMPLE, i & 0xFFFF, SampleDecoder.LENGTH, stream, offset);
            if (length != FRAME_LENGTH) {
                throw new IllegalStateException("a SAMPLE frame should be " + FRAME_LENGTH + " bytes, was " + length);
            }
            offset += length;
        }
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long decode() {
        int frames = decoder.decode(stream, 0, stream.length, handler);
        if (frames != FRAMES) {
            throw new IllegalStateException("decoded " + frames + " of " + FRAMES + ": " + decoder.stats());
        }
        return handler.sum;
    }

    /** Reads every field of every sample, as the engine does. */
    static final class SummingHandler implements FrameHandler {
        private final SampleDecoder sample = new SampleDecoder();
        long sum;

        @Override
        public void onFrame(int type, int seq, DirectBuffer buffer, int payloadOffset, int payloadLength) {
            sample.wrap(buffer, payloadOffset);
            sum += seq + sample.timeUs() + sample.forceDeciNewtons() + sample.angleTenthMilliradians() + sample.flags();
        }
    }
}
