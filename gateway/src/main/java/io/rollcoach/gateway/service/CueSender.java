package io.rollcoach.gateway.service;

import io.rollcoach.gateway.technique.RollerLink;
import io.rollcoach.protocol.CueDecoder;
import io.rollcoach.protocol.CueEncoder;
import io.rollcoach.protocol.FrameEncoder;
import io.rollcoach.protocol.MessageType;
import io.rollcoach.protocol.ProtocolV1;

/** Encodes the engine's cues as protocol v1 CUE frames and sends them down the roller's input. Roller thread only. */
final class CueSender implements RollerLink {
    private final FrameEncoder encoder = new FrameEncoder();
    private final CueEncoder cue = new CueEncoder();
    private final byte[] frame = new byte[ProtocolV1.MAX_FRAME_LENGTH];
    private RollerInput input;
    private int sequence;

    void input(RollerInput value) {
        input = value;
    }

    @Override
    public boolean cue(int pattern, int durationMs) {
        if (input == null) {
            return false;
        }
        cue.wrap(encoder.payloadBuffer(), ProtocolV1.PAYLOAD_OFFSET).pattern(pattern).durationMs(durationMs);
        int length = encoder.encode(MessageType.CUE, sequence++ & 0xFFFF, CueDecoder.LENGTH, frame, 0);
        return input.send(frame, 0, length);
    }
}
