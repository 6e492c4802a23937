package io.rollcoach.gateway.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A capture that runs for months stays within its budget and keeps the newest bytes, in order. */
class RotatingCaptureTest {
    private static final long BUDGET = 8L << 20; // files of 1 MiB

    @TempDir
    Path dir;

    private List<Path> captures() throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".rcap")).sorted().toList();
        }
    }

    @Test
    void theFolderStaysWithinItsBudgetAndKeepsTheNewestBytesInOrder() throws IOException {
        byte[] stream = new byte[20 << 20];
        for (int i = 0; i < stream.length; i++) {
            stream[i] = (byte) (i * 31 + (i >> 12));
        }
        Path older = dir.resolve("other-roller-20260101-000000-000-0000.rcap"); // a capture of an earlier run
        Files.write(older, new byte[3 << 20]);
        Files.setLastModifiedTime(older, FileTime.fromMillis(0));

        try (RotatingCapture capture = new RotatingCapture(dir, "roller/1", BUDGET)) {
            assertEquals(1 << 20, capture.fileBytes());
            for (int at = 0; at < stream.length; at += 4096) {
                capture.onBytes(stream, at, 4096);
            }
        }

        List<Path> kept = captures();
        long total = 0;
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (Path file : kept) {
            assertTrue(file.getFileName().toString().startsWith("roller_1-"), file.toString());
            total += Files.size(file);
            joined.write(Files.readAllBytes(file));
        }
        assertTrue(total <= BUDGET + (1 << 20), "kept " + total + " bytes in " + kept.size() + " files");
        assertTrue(kept.size() >= 7, "kept " + kept);
        assertTrue(!Files.exists(older), "the earlier run's capture went first");
        byte[] tail = joined.toByteArray();
        assertArrayEquals(Arrays.copyOfRange(stream, stream.length - tail.length, stream.length), tail,
            "the files, by name, are the end of the stream without a gap");
    }

    @Test
    void underTheBudgetNothingIsDeleted() throws IOException {
        Path older = dir.resolve("earlier-20260101-000000-000-0000.rcap");
        Files.write(older, new byte[1000]);
        try (RotatingCapture capture = new RotatingCapture(dir, "r", BUDGET)) {
            capture.onBytes(new byte[5000], 0, 5000);
        }
        assertEquals(2, captures().size());
        assertTrue(Files.exists(older));
    }
}
