package io.rollcoach.gateway.service;

import java.io.IOException;
import java.util.Map;

/**
 * Where one roller's data comes from (serial port, simulator, capture replay, GPIO). Each runs its own thread and
 * calls the roller's listener (its engine) from it, and only from it.
 */
public interface RollerInput extends AutoCloseable {
    /** Opens and starts reading; throws with a clear message when it cannot (port missing, file unreadable). */
    void start() throws IOException;

    /** Sends a frame to the roller (CUE, CONFIGURE); false when it is not connected. Never blocks for long. */
    boolean send(byte[] frame, int offset, int length);

    /** For the health view: link state, frames per second, lost and rejected frames, lag. */
    Map<String, Object> health();

    /** What the input reads from, for logs: {@code serial /dev/ttyUSB0}. */
    String describe();

    @Override
    void close();
}
