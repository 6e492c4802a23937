package io.rollcoach.gateway.outbox;

import org.agrona.DirectBuffer;

/**
 * Where an engine sends what it has to say: one JSON object (or a plain status word) per call, of a kind from
 * {@link OutboxMessageType}. The live gateway's sink is the {@link Outbox}; {@code analyze} prints feedback
 * lines. Called on the roller's thread: implementations copy the bytes before returning and never block.
 */
@FunctionalInterface
public interface MessageSink {
    void publish(int type, CharSequence device, DirectBuffer body, int offset, int length);
}
