package io.rollcoach.bench.harness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto process of the harness's own, on a free port of 127.0.0.1, with persistence in a folder of its own so
 * a restart keeps sessions and what waits in them. The gateway's tests have one like it
 * ({@code gateway/src/test/.../mqtt/MosquittoProcess}, without persistence and with the command-line clients); test
 * code is not shared across modules, so the two stay apart.
 */
final class MosquittoProcess implements AutoCloseable {
    private final Path binary;
    private final Path conf;
    private final int port;
    private Process process;

    private MosquittoProcess(Path binary, Path conf, int port) {
        this.binary = binary;
        this.conf = conf;
        this.port = port;
    }

    /** Writes a config for a persistent broker in {@code dir} and starts {@code binary} with it. */
    static MosquittoProcess startPersistent(Path binary, Path dir) throws IOException, InterruptedException {
        // Mosquitto started as root drops to its own user: it must be able to write its session store here
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path conf = Files.writeString(dir.resolve("mosquitto.conf"), "listener " + port + " 127.0.0.1\n"
            + "allow_anonymous true\npersistence true\npersistence_location " + dir + "/\nset_tcp_nodelay true\n",
            StandardCharsets.US_ASCII);
        MosquittoProcess broker = new MosquittoProcess(binary, conf, port);
        broker.start();
        return broker;
    }

    /** Starts the broker and waits (up to 10 s) until it listens. */
    void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(binary.toString(), "-c", conf.toString())
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        process.destroy();
        throw new IOException(binary + " did not start listening on port " + port);
    }

    /** SIGTERM, and waits (up to 10 s) for it to end. */
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
