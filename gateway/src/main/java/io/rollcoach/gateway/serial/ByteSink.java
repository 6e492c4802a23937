package io.rollcoach.gateway.serial;

/**
 * Receives every raw chunk a {@link SerialLink} reads, before decoding, on the link's reader thread. The array is
 * reused for the next read: copy what you keep, and do not block.
 */
@FunctionalInterface
public interface ByteSink {
    void onBytes(byte[] bytes, int offset, int length);
}
