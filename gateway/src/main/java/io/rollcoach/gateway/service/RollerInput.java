package io.rollcoach.gateway.service;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import io.rollcoach.gateway.agent.AgentErrors;

/**
 * Where one roller's data comes from (serial port, simulator, capture replay, GPIO). Each runs its own agent, on a
 * thread named after the roller, and calls the roller's listener (its engine) from it, and only from it. What the
 * listener throws is counted and the input reads on.
 */
public interface RollerInput extends AutoCloseable {
    /** Opens and starts reading; throws with a clear message when it cannot (port missing, file unreadable). */
    void start() throws IOException;

    /** Sends a frame to the roller (CUE, CONFIGURE); false when it is not connected. Never blocks for long. */
    boolean send(byte[] frame, int offset, int length);

    /** For the health view: link state, frames per second, lost and rejected frames, lag. */
    Map<String, Object> health();

    /** The error counts of this input's agents (none while it waits to open), for the health's {@code agentErrors}. */
    List<AgentErrors> agentErrors();

    /** What the input reads from, for logs: {@code serial /dev/ttyUSB0}. */
    String describe();

    @Override
    void close();
}
