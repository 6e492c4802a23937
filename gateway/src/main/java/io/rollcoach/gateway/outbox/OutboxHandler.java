package io.rollcoach.gateway.outbox;

import org.agrona.DirectBuffer;

/** An output's view of the outbox: called on the output's own thread, in the order the engine wrote. */
@FunctionalInterface
public interface OutboxHandler {
    /**
     * @param type   see {@link OutboxMessageType}
     * @param device the roller's id (16 hex digits, or its configured name)
     * @param buffer the message body; valid only during the call
     */
    void onMessage(int type, String device, DirectBuffer buffer, int offset, int length);
}
