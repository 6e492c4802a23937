package io.rollcoach.gateway.input;

import io.rollcoach.protocol.EventDecoder;
import io.rollcoach.protocol.FrameDecoder;
import io.rollcoach.protocol.FrameHandler;
import io.rollcoach.protocol.FrameStats;
import io.rollcoach.protocol.HelloDecoder;
import io.rollcoach.protocol.MessageType;
import io.rollcoach.protocol.SampleDecoder;
import io.rollcoach.protocol.StatusDecoder;
import org.agrona.DirectBuffer;

/**
 * Decodes a roller's byte stream into calls on a {@link RollerListener}: frames through a {@link FrameDecoder},
 * each message through its flyweight. The same path serves the serial link, capture files and tests. One
 * instance per roller, used by that roller's input thread; allocates nothing per frame.
 */
public final class FrameDispatcher implements FrameHandler {
    private final FrameDecoder decoder = new FrameDecoder();
    private final HelloDecoder hello = new HelloDecoder();
    private final SampleDecoder sample = new SampleDecoder();
    private final StatusDecoder status = new StatusDecoder();
    private final EventDecoder event = new EventDecoder();
    private final RollerListener listener;
    private long reportedLost = -1;
    private long reportedRejected = -1;

    public FrameDispatcher(RollerListener listener) {
        this.listener = listener;
    }

    public FrameStats stats() {
        return decoder.stats();
    }

    /** Feeds bytes read from the roller; returns the frames they completed. */
    public int onBytes(byte[] src, int offset, int length) {
        int frames = decoder.decode(src, offset, length, this);
        FrameStats stats = decoder.stats();
        long lost = stats.framesLost();
        long rejected = stats.framesRejected();
        if (lost != reportedLost || rejected != reportedRejected) {
            reportedLost = lost;
            reportedRejected = rejected;
            listener.onDataQuality(lost, rejected);
        }
        return frames;
    }

    /** After a reconnect: drop any half frame and start the sequence count afresh. */
    public void onReconnect() {
        decoder.resetFrame();
        decoder.resetSequence();
    }

    @Override
    public void onFrame(int type, int seq, DirectBuffer buffer, int payloadOffset, int payloadLength) {
        switch (type) {
            case MessageType.SAMPLE:
                sample.wrap(buffer, payloadOffset);
                listener.onSample(sample.timeUs(), sample.forceDeciNewtons(), sample.angleTenthMilliradians(),
                    sample.flags());
                break;
            case MessageType.HELLO:
                hello.wrap(buffer, payloadOffset);
                listener.onHello(hello.deviceId(), hello.firmwareMajor(), hello.firmwareMinor(),
                    hello.sampleRateHz(), hello.radiusTenthMillimetres(), hello.sensors());
                break;
            case MessageType.STATUS:
                status.wrap(buffer, payloadOffset);
                listener.onStatus(status.batteryPercent(), status.temperatureCelsius(), status.faultFlags());
                break;
            case MessageType.EVENT:
                event.wrap(buffer, payloadOffset);
                listener.onButton(event.code());
                break;
            default:
                // CUE and CONFIGURE travel gateway to roller; a roller echoing them is harmless.
                break;
        }
    }
}
