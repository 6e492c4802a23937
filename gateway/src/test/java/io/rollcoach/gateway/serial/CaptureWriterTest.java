package io.rollcoach.gateway.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureWriterTest {
    @TempDir
    Path dir;

    @Test
    void exactlyTheBytesGivenAreWrittenAcrossBufferFillsReplacingAnOldFile() throws Exception {
        Path file = dir.resolve("session.rcap");
        Files.write(file, new byte[] {9, 9, 9}); // an old capture is replaced, not appended to
        Random random = new Random(3);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (CaptureWriter writer = new CaptureWriter(file)) {
            byte[] chunk = new byte[CaptureWriter.BUFFER_LENGTH / 3 + 17];
            for (int i = 0; i < 20; i++) {
                random.nextBytes(chunk);
                int offset = i % 5;
                int length = chunk.length - offset - i;
                writer.onBytes(chunk, offset, length);
                expected.write(chunk, offset, length);
            }
            assertEquals(expected.size(), writer.bytesWritten());
        }
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(file));
    }

    @Test
    void aFlushWritesTheBytesBeforeTheClose() throws Exception {
        Path file = dir.resolve("small.rcap");
        try (CaptureWriter writer = new CaptureWriter(file)) {
            writer.onBytes(new byte[] {1, 2, 3, 0}, 0, 4);
            writer.flush();
            assertArrayEquals(new byte[] {1, 2, 3, 0}, Files.readAllBytes(file));
        }
    }
}
