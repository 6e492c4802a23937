package io.rollcoach.gateway.service;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The gateway's claim on its storage folder: one writer per history file. Taken before anything in the folder is
 * opened, held until the gateway stops; the operating system lets go of it when the process dies, so a killed gateway
 * never leaves a stale lock. Also keeps the installation id, the stable suffix of the MQTT client id.
 */
public final class StorageFolder implements AutoCloseable {
    static final String LOCK_FILE = "gateway.lock";
    static final String INSTALLATION_FILE = "installation-id";

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private StorageFolder(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Claims {@code dir} for the gateway {@code gatewayId}, or refuses with who holds it. A refusal changes nothing
     * in the folder.
     */
    public static StorageFolder claim(Path dir, String gatewayId) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("storage.dir " + dir + ": cannot create it: " + e.getMessage(), e);
        }
        Path file = dir.resolve(LOCK_FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this JVM holds it already: a second gateway in one process
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder = holder(channel);
            channel.close();
            throw new IOException("storage.dir " + dir + " is in use by another gateway (" + holder + "). Two "
                + "gateways on one folder would write one history and mark each other's sessions cut short; nothing "
                + "was changed. Stop the other gateway, or give this one its own storage.dir (--storage)");
        }
        String me = "pid " + ProcessHandle.current().pid() + ", gateway.id " + gatewayId + ", since "
            + Instant.now();
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
        return new StorageFolder(dir, channel, lock);
    }

    private static String holder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(256);
            int read = channel.read(buffer, 0);
            return read <= 0 ? "it did not say which" : new String(buffer.array(), 0, read, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "it did not say which";
        }
    }

    /**
     * A short random id made once per installation and kept in the folder, so two gateways with the same
     * {@code gateway.id} (every fresh Pi is {@code raspberrypi}) still connect as two MQTT clients.
     */
    public String installationId() throws IOException {
        Path file = dir.resolve(INSTALLATION_FILE);
        if (Files.exists(file)) {
            String id = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (id.matches("[0-9a-f]{8}")) {
                return id;
            }
        }
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        String id = HexFormat.of().formatHex(random);
        Path temporary = dir.resolve(INSTALLATION_FILE + ".new");
        Files.writeString(temporary, id + "\n", StandardCharsets.US_ASCII);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return id;
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the process is stopping: the operating system releases the lock anyway
        }
    }
}
