package io.rollcoach.gateway.serial;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a roller's raw byte stream to a file, exactly as read: the capture format is the protocol byte stream
 * with nothing added, so every decoder (and {@code check-capture.py}) reads it. Bytes are buffered and written at
 * most every 200 ms, when the buffer fills, and on {@link #close()}. Used as a {@link SerialLink} tap: called on
 * the link's reader thread; {@link #close()} may come from another thread.
 */
public final class CaptureWriter implements ByteSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CaptureWriter.class);
    static final long FLUSH_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** Several seconds of a 1 kHz roller; a disk write per 200 ms stays cheap on an SD card. */
    static final int BUFFER_LENGTH = 64 * 1024;

    private final Path path;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_LENGTH);
    private long lastFlushNanos = System.nanoTime();
    private long bytesWritten;
    private IOException failure;
    private boolean closed;

    /** Creates the file, or empties it if it exists. */
    public CaptureWriter(Path path) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    }

    public Path path() {
        return path;
    }

    /** Bytes handed to this writer so far (written or still buffered). */
    public synchronized long bytesWritten() {
        return bytesWritten;
    }

    @Override
    public synchronized void onBytes(byte[] bytes, int offset, int length) {
        if (closed || failure != null) {
            return;
        }
        try {
            while (length > 0) {
                int chunk = Math.min(length, buffer.remaining());
                buffer.put(bytes, offset, chunk);
                offset += chunk;
                length -= chunk;
                bytesWritten += chunk;
                if (!buffer.hasRemaining()) {
                    drain();
                }
            }
            if (System.nanoTime() - lastFlushNanos >= FLUSH_INTERVAL_NANOS) {
                drain();
            }
        } catch (IOException e) {
            // Once: a full disk would otherwise log on every read. The reading goes on; close() reports it.
            failure = e;
            LOG.error("capture {} stopped: {}", path, e.toString());
        }
    }

    /** Writes what is buffered to the file now. */
    public synchronized void flush() throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (!closed) {
            drain();
        }
    }

    /** Flushes and closes; throws the first write error, if there was one. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (failure == null) {
                drain();
            }
        } finally {
            channel.close();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void drain() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
        lastFlushNanos = System.nanoTime();
    }

    /** For callers that cannot throw: the first write error, or null. */
    public synchronized IOException failure() {
        return failure;
    }
}
