package io.rollcoach.sim.output;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A capture file or stdout: raw protocol v1 bytes, exactly what a roller would send. */
public final class StreamOutput implements FrameOutput {
    private final OutputStream out;
    private final String name;
    private final boolean closeUnderlying;

    private StreamOutput(OutputStream out, String name, boolean closeUnderlying) {
        this.out = new BufferedOutputStream(out, 1 << 16);
        this.name = name;
        this.closeUnderlying = closeUnderlying;
    }

    public static StreamOutput file(Path path) throws IOException {
        return new StreamOutput(Files.newOutputStream(path), "file " + path, true);
    }

    public static StreamOutput stdout() {
        return new StreamOutput(System.out, "stdout", false);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public void close() throws IOException {
        out.flush();
        if (closeUnderlying) {
            out.close();
        }
    }
}
