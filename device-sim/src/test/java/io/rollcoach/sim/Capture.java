package io.rollcoach.sim;

import java.util.ArrayList;
import java.util.List;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import io.rollcoach.protocol.EventDecoder;
import io.rollcoach.protocol.FrameDecoder;
import io.rollcoach.protocol.FrameStats;
import io.rollcoach.protocol.HelloDecoder;
import io.rollcoach.protocol.MessageType;
import io.rollcoach.protocol.SampleDecoder;

/**
 * The simulator's bytes as the gateway would see them: decoded by the protocol module's own FrameDecoder, so the
 * tests check the wire format, not the simulator's internals.
 */
final class Capture {
    record Frame(int type, int seq, byte[] payload) {
    }

    /**
     * A sample with the roller clock unwrapped across 2^32, so times can be compared directly (a roller that
     * restarts sets its clock back, which this reads as a wrap: use {@code rawTimeUs} there); {@code hellosBefore}
     * counts the HELLOs that came before it, so a restart shows as a change.
     */
    record Sample(long rawTimeUs, long timeUs, double forceN, int angle, int flags, int hellosBefore) {
        double positionMm(double radiusMm) {
            return angle * 1e-4 * radiusMm;
        }
    }

    /** An EVENT and the (unwrapped) time of the last sample before it. */
    record Event(int code, long afterTimeUs) {
    }

    final List<Frame> frames = new ArrayList<>();
    final List<Sample> samples = new ArrayList<>();
    final List<Event> events = new ArrayList<>();
    final List<Frame> hellos = new ArrayList<>();
    final FrameStats stats;

    private Capture(FrameStats stats) {
        this.stats = stats;
    }

    static Capture decode(byte[] bytes) {
        FrameDecoder decoder = new FrameDecoder();
        Capture capture = new Capture(decoder.stats());
        decoder.decode(bytes, 0, bytes.length, (type, seq, buffer, offset, length) -> {
            byte[] payload = new byte[length];
            buffer.getBytes(offset, payload);
            capture.add(new Frame(type, seq, payload));
        });
        return capture;
    }

    private void add(Frame frame) {
        frames.add(frame);
        DirectBuffer buffer = new UnsafeBuffer(frame.payload());
        switch (frame.type()) {
            case MessageType.HELLO -> hellos.add(frame);
            case MessageType.SAMPLE -> {
                SampleDecoder s = new SampleDecoder().wrap(buffer, 0);
                long raw = s.timeUs();
                long unwrapped = raw;
                if (!samples.isEmpty()) {
                    long last = samples.get(samples.size() - 1).timeUs();
                    // the clock is 32 bits: add whole wraps until this sample is at or after the last
                    unwrapped = (last & ~0xFFFF_FFFFL) | raw;
                    if (unwrapped < last) {
                        unwrapped += 1L << 32;
                    }
                }
                samples.add(new Sample(raw, unwrapped, s.forceDeciNewtons() / 10.0, s.angleTenthMilliradians(),
                    s.flags(), hellos.size()));
            }
            case MessageType.EVENT -> events.add(new Event(new EventDecoder().wrap(buffer, 0).code(),
                samples.isEmpty() ? -1 : samples.get(samples.size() - 1).timeUs()));
            default -> { }
        }
    }

    static HelloDecoder hello(Frame frame) {
        return new HelloDecoder().wrap(new UnsafeBuffer(frame.payload()), 0);
    }

    long countOf(int type) {
        return frames.stream().filter(f -> f.type() == type).count();
    }
}
