package io.rollcoach.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageFolderTest {

    @Test
    void aSecondGatewayOnTheFolderIsRefusedWithWhoHoldsItAndTouchesNothing(@TempDir Path dir) throws IOException {
        Path history = Files.write(dir.resolve("history.db"),
            "SQLite format 3\0 sessions".getBytes(StandardCharsets.UTF_8));
        try (StorageFolder first = StorageFolder.claim(dir, "gym-pi")) {
            first.installationId();
            long modified = Files.getLastModifiedTime(history).toMillis();
            IOException refused = assertThrows(IOException.class, () -> StorageFolder.claim(dir, "gym-pi"));
            assertTrue(refused.getMessage().contains("is in use by another gateway (pid "
                + ProcessHandle.current().pid() + ", gateway.id gym-pi"), refused.getMessage());
            assertTrue(refused.getMessage().contains("give this one its own storage.dir"), refused.getMessage());
            assertEquals(modified, Files.getLastModifiedTime(history).toMillis());
            assertEquals("SQLite format 3\0 sessions", Files.readString(history));
        }
        try (StorageFolder again = StorageFolder.claim(dir, "gym-pi")) {
            assertTrue(Files.exists(dir.resolve(StorageFolder.LOCK_FILE)), "free again once the first has stopped");
        }
    }

    @Test
    void theInstallationIdIsMadeOnceAndKept(@TempDir Path dir) throws IOException {
        String id;
        try (StorageFolder folder = StorageFolder.claim(dir, "raspberrypi")) {
            id = folder.installationId();
            assertTrue(id.matches("[0-9a-f]{8}"), id);
            assertEquals(id, folder.installationId());
        }
        try (StorageFolder folder = StorageFolder.claim(dir, "raspberrypi")) {
            assertEquals(id, folder.installationId(), "the same after a restart");
        }
        Path other = dir.resolve("other-pi");
        try (StorageFolder folder = StorageFolder.claim(other, "raspberrypi")) {
            assertTrue(!folder.installationId().equals(id), "another installation, another id");
        }
    }
}
