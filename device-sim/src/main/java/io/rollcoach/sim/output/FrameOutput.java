package io.rollcoach.sim.output;

import java.io.Closeable;
import java.io.IOException;

/** A byte sink for the simulated roller's frames; some also carry bytes back from the gateway. */
public interface FrameOutput extends Closeable {
    void write(byte[] bytes, int offset, int length) throws IOException;

    /** Pushes buffered bytes out; called when the simulator is about to wait. */
    default void flush() throws IOException {
    }

    /** A human-readable name for messages, e.g. {@code serial /dev/pts/4}. */
    String describe();
}
