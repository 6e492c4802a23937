package io.rollcoach.protocol;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.agrona.DirectBuffer;

/** Test helpers: build frames and collect what a decoder hands out. */
final class Frames {
    private Frames() {
    }

    static byte[] frame(int type, int seq, byte[] payload) {
        FrameEncoder encoder = new FrameEncoder();
        encoder.payloadBuffer().putBytes(ProtocolV1.PAYLOAD_OFFSET, payload);
        byte[] out = new byte[ProtocolV1.MAX_FRAME_LENGTH];
        int length = encoder.encode(type, seq, payload.length, out, 0);
        return Arrays.copyOf(out, length);
    }

    static byte[] sample(int seq, long timeUs, int force, int angle, int flags) {
        FrameEncoder encoder = new FrameEncoder();
        new SampleEncoder().wrap(encoder.payloadBuffer(), ProtocolV1.PAYLOAD_OFFSET)
            .timeUs(timeUs).forceDeciNewtons(force).angleTenthMilliradians(angle).flags(flags);
        byte[] out = new byte[ProtocolV1.MAX_FRAME_LENGTH];
        int length = encoder.encode(MessageType.SAMPLE, seq, SampleDecoder.LENGTH, out, 0);
        return Arrays.copyOf(out, length);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** A decoded frame, copied out of the decoder's reused buffer. */
    record Received(int type, int seq, byte[] payload) {
    }

    static final class Collector implements FrameHandler {
        final List<Received> frames = new ArrayList<>();

        @Override
        public void onFrame(int type, int seq, DirectBuffer buffer, int payloadOffset, int payloadLength) {
            byte[] payload = new byte[payloadLength];
            buffer.getBytes(payloadOffset, payload);
            frames.add(new Received(type, seq, payload));
        }
    }
}
