package io.rollcoach.gateway.serial;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A roller's capture as a series of files, so that a gateway running for months neither grows one file without
 * bound nor fills the SD card: a new file when the current one reaches its size, and the oldest captures in the
 * folder deleted while all of them together are over the budget. Called on the link's reader thread, as
 * {@link CaptureWriter} is; a rotation (a file closed, one opened, the folder listed) comes once per file.
 */
public final class RotatingCapture implements ByteSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RotatingCapture.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");
    /** Files being written by any capture of this process: never pruned, whoever prunes. */
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final String prefix;
    private final long fileBytes;
    private final long budgetBytes;
    private volatile CaptureWriter current;
    private boolean failed;
    private int sequence; // in the name after the time: two files in one millisecond still sort in order

    /**
     * @param budgetBytes all captures in {@code dir} together; each file is an eighth of it, 1 to 64 MiB
     */
    public RotatingCapture(Path dir, String prefix, long budgetBytes) throws IOException {
        this.dir = dir;
        this.prefix = prefix.replaceAll("[^A-Za-z0-9_.-]", "_");
        this.budgetBytes = budgetBytes;
        this.fileBytes = Math.max(1L << 20, Math.min(64L << 20, budgetBytes / 8));
        Files.createDirectories(dir);
    }

    /** The file being written now; null until the first bytes arrive (a port that never opens leaves no file). */
    public Path path() {
        CaptureWriter writing = current;
        return writing == null ? null : writing.path();
    }

    /** Where captures go. */
    public Path dir() {
        return dir;
    }

    long fileBytes() {
        return fileBytes;
    }

    @Override
    public synchronized void onBytes(byte[] bytes, int offset, int length) {
        if (failed) {
            return;
        }
        if (current == null && !openNext()) {
            return;
        }
        current.onBytes(bytes, offset, length);
        if (current.bytesWritten() >= fileBytes) {
            rotate();
        }
    }

    private void rotate() {
        CaptureWriter full = current;
        try {
            full.close();
        } catch (IOException e) {
            LOG.warn("capture {}: {}", full.path(), e.toString());
        }
        OPEN.remove(full.path());
        openNext();
    }

    /** Opens the next file (the first only when bytes arrive) and keeps the folder within the budget. */
    private boolean openNext() {
        try {
            current = open();
        } catch (IOException e) {
            failed = true; // once: the roller goes on being coached without a capture
            LOG.error("capture: cannot open a new file in {}: {}; capturing stops", dir, e.toString());
            return false;
        }
        prune();
        return true;
    }

    private CaptureWriter open() throws IOException {
        Path file = dir.resolve(String.format("%s-%s-%04d.rcap", prefix, LocalDateTime.now().format(STAMP),
            sequence++ % 10_000));
        CaptureWriter writer = new CaptureWriter(file);
        OPEN.add(file);
        return writer;
    }

    /** Deletes the oldest captures (any roller's) while the folder holds more than the budget. */
    private void prune() {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir, "*.rcap")) {
            listing.forEach(files::add);
        } catch (IOException e) {
            LOG.warn("capture: cannot list {} to keep it under {} MB: {}", dir, budgetBytes >> 20, e.toString());
            return;
        }
        long total = 0;
        List<Path> deletable = new ArrayList<>();
        for (Path file : files) {
            total += sizeOf(file);
            if (!OPEN.contains(file)) {
                deletable.add(file);
            }
        }
        deletable.sort(Comparator.comparing(RotatingCapture::modified));
        for (Path oldest : deletable) {
            if (total <= budgetBytes) {
                break;
            }
            long size = sizeOf(oldest);
            try {
                Files.deleteIfExists(oldest);
                total -= size;
                LOG.info("capture: deleted {} ({} MB) to keep {} under {} MB", oldest.getFileName(), size >> 20, dir,
                    budgetBytes >> 20);
            } catch (IOException e) {
                LOG.warn("capture: cannot delete {}: {}", oldest, e.toString());
            }
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // gone meanwhile
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        CaptureWriter last = current;
        if (last != null) {
            OPEN.remove(last.path());
            last.close();
        }
    }
}
