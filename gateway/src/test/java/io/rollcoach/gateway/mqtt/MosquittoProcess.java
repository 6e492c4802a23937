package io.rollcoach.gateway.mqtt;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto process of a test's own, on a free port, with whatever else its config needs (bridges). Without
 * persistence unless asked: a restart then forgets every retained message and session, as a broker in a container or
 * on a fresh SD card does. Also runs Mosquitto's command-line clients against it.
 */
public final class MosquittoProcess implements AutoCloseable {
    private final Path mosquitto;
    private final Path conf;
    private final int port;
    private Process process;

    private MosquittoProcess(Path mosquitto, Path conf, int port) {
        this.mosquitto = mosquitto;
        this.conf = conf;
        this.port = port;
    }

    /** Mosquitto's binary, or null where it is not installed (tests then skip with a message). */
    public static Path binary() {
        return executable("/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto");
    }

    /** A client such as {@code mosquitto_rr}, or null. */
    public static Path client(String name) {
        return executable("/usr/bin/" + name, "/usr/local/bin/" + name);
    }

    private static Path executable(String... candidates) {
        for (String candidate : candidates) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    public static MosquittoProcess start(Path dir, String name, String... moreConfig) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        // Mosquitto started as root drops to its own user: it must be able to read and write here
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        List<String> lines = new ArrayList<>(List.of("listener " + port + " 127.0.0.1", "allow_anonymous true"));
        lines.addAll(List.of(moreConfig));
        lines.add("");
        Path conf = Files.writeString(dir.resolve(name + ".conf"), String.join("\n", lines), StandardCharsets.US_ASCII);
        MosquittoProcess broker = new MosquittoProcess(binary(), conf, port);
        broker.start();
        return broker;
    }

    private void start() throws IOException {
        process = new ProcessBuilder(mosquitto.toString(), "-c", conf.toString())
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        await().atMost(Duration.ofSeconds(10)).until(this::listening);
    }

    /** SIGTERM and start again on the same port and config. */
    public void restart() throws IOException, InterruptedException {
        stop();
        start();
    }

    public void stop() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs {@code mosquitto_pub}, {@code mosquitto_rr} or {@code mosquitto_sub} against this broker; its output. */
    public String run(String client, String... arguments) throws IOException, InterruptedException {
        Process running = startClient(client, arguments);
        String output = new String(running.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        running.waitFor(30, TimeUnit.SECONDS);
        return output;
    }

    /** Starts a client in the background: read its output when it ends (give it -W or -C). */
    public Process startClient(String client, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(client(client).toString(), "-h", "127.0.0.1", "-p",
            String.valueOf(port)));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            stop();
        }
    }
}
