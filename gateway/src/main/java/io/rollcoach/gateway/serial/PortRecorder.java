package io.rollcoach.gateway.serial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import io.rollcoach.gateway.input.RollerListener;
import io.rollcoach.protocol.FrameStats;

/**
 * Records one serial port's raw byte stream into a capture file, for {@code rollcoach record}. The bytes go to
 * {@code <file>.part} beside the target, moved over it by {@link #finish()} only when some arrived: an existing capture
 * survives a wrong port or a silent roller. Started and finished on the caller's thread; the bytes arrive on the link's
 * reader thread.
 */
public final class PortRecorder {
    /** Recording needs only the frame counts the link keeps; the link's own log reports unplugs. */
    private static final RollerListener IGNORE_SAMPLES = (timeUs, force, angle, flags) -> { };

    private final Path out;
    private final Path partial;
    private final CaptureWriter capture;
    private final SerialLink link;

    private PortRecorder(Path out, Path partial, CaptureWriter capture, SerialLink link) {
        this.out = out;
        this.partial = partial;
        this.capture = capture;
        this.link = link;
    }

    /**
     * Opens the port and records what it sends until {@link #finish()}.
     *
     * @throws SerialLinkException when the port cannot be opened; nothing is left behind
     * @throws IOException         when the partial file cannot be created beside {@code out}
     */
    public static PortRecorder start(SerialLinkConfig config, Path out) throws IOException {
        Path partial = out.resolveSibling(out.getFileName() + ".part");
        CaptureWriter capture = new CaptureWriter(partial);
        SerialLink link = new SerialLink(config, IGNORE_SAMPLES, capture);
        try {
            link.start(false);
        } catch (SerialLinkException e) {
            closeQuietly(capture);
            deleteQuietly(partial);
            throw e;
        }
        return new PortRecorder(out, partial, capture, link);
    }

    /** Bytes recorded so far; after {@link #finish()}, all of them. */
    public long bytesRecorded() {
        return capture.bytesWritten();
    }

    /** The link's frame counts: decoded, rejected, lost. */
    public FrameStats stats() {
        return link.stats();
    }

    /**
     * Stops reading and, when bytes arrived, moves the capture over the target; when none did, deletes the partial
     * file so that an empty capture never replaces a real one. Called once.
     *
     * @throws IOException when the capture cannot be flushed, moved or deleted
     */
    public void finish() throws IOException {
        link.close();
        boolean nothing = capture.bytesWritten() == 0;
        capture.close();
        if (nothing) {
            Files.delete(partial);
        } else {
            Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static void closeQuietly(CaptureWriter capture) {
        try {
            capture.close();
        } catch (IOException e) {
            // nothing was written; the open failure is the message that matters
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // an empty file left behind is harmless
        }
    }
}
