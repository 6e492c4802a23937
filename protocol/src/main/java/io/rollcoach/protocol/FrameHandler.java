package io.rollcoach.protocol;

import org.agrona.DirectBuffer;

/** Receives each frame that passed every check. The buffer is reused: read it before returning. */
@FunctionalInterface
public interface FrameHandler {
    /**
     * @param type          the message type, see {@link MessageType}
     * @param seq           the frame's sequence number, 0..65535
     * @param buffer        the decoded body
     * @param payloadOffset where the payload starts in {@code buffer}
     * @param payloadLength the payload's length, at least {@link MessageType#minPayloadLength(int)}
     */
    void onFrame(int type, int seq, DirectBuffer buffer, int payloadOffset, int payloadLength);
}
