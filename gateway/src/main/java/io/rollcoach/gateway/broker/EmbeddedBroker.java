package io.rollcoach.gateway.broker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import com.hivemq.embedded.EmbeddedHiveMQ;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MQTT 5 broker inside the gateway (HiveMQ Community Edition, embedded), so a fresh Pi needs nothing else:
 * one TCP listener, in-memory persistence (nothing written to the SD card), no usage statistics sent anywhere.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    /**
     * HiveMQ starts in about a second on a quiet 2-core VM and a Pi 4; a busy machine, or an emulated one (the ARM
     * check under qemu), took over 30 s while the gateway's other parts started beside it.
     */
    static final long START_TIMEOUT_S = 120;

    private final int port;
    private final Path home;
    private final EmbeddedHiveMQ hivemq;

    private EmbeddedBroker(int port, Path home, EmbeddedHiveMQ hivemq) {
        this.port = port;
        this.home = home;
        this.hivemq = hivemq;
    }

    /**
     * Starts a broker on {@code port} of {@code bindAddress}.
     *
     * @throws BrokerPortTakenException when something else listens there already
     */
    public static EmbeddedBroker start(String bindAddress, int port) throws IOException {
        checkPort("broker.port", port);
        if (!isFree(bindAddress, port)) {
            throw new BrokerPortTakenException(bindAddress, port);
        }
        Path home = Files.createTempDirectory("rollcoach-broker-");
        Path conf = Files.createDirectories(home.resolve("conf"));
        Files.writeString(conf.resolve("config.xml"), config(bindAddress, port), StandardCharsets.UTF_8);
        // HiveMQ replaces the logging configuration with its own file: give it ours, quiet below WARN.
        try (var ours = EmbeddedBroker.class.getResourceAsStream("/logback.xml")) {
            if (ours != null) {
                Files.write(conf.resolve("logback.xml"), ours.readAllBytes());
            }
        }
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
            .withConfigurationFolder(conf)
            .withDataFolder(Files.createDirectories(home.resolve("data")))
            .withExtensionsFolder(Files.createDirectories(home.resolve("extensions")))
            .build();
        try {
            hivemq.start().get(START_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the embedded broker started", e);
        } catch (TimeoutException e) {
            throw new IOException("the embedded MQTT broker did not start on " + bindAddress + ":" + port + " within "
                + START_TIMEOUT_S + " s (a very slow or very busy machine?)", e);
        } catch (ExecutionException e) {
            throw new IOException("the embedded MQTT broker did not start on " + bindAddress + ":" + port + ": "
                + (e.getCause() != null ? e.getCause() : e), e);
        }
        LOG.info("embedded MQTT broker listening on {}:{}", bindAddress, port);
        return new EmbeddedBroker(port, home, hivemq);
    }

    /**
     * The broker's port rule, once: the config file, {@code --mqtt-port} and {@link #start} use it.
     *
     * @throws IllegalArgumentException naming {@code key} when {@code port} is out of range
     */
    public static void checkPort(String key, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(key + " must be from 1 to 65535, was " + port);
        }
    }

    /**
     * The port a broker would start on: {@code preferredPort} when it is free; otherwise, with {@code takeAnother},
     * a free one (the demo's way), or else a {@link BrokerPortTakenException}. Lets the gateway know the broker's
     * address before the broker has started, so that starting it need not hold up the rest.
     */
    public static int choosePort(String bindAddress, int preferredPort, boolean takeAnother) throws IOException {
        if (preferredPort != 0 && isFree(bindAddress, preferredPort)) {
            return preferredPort;
        }
        if (!takeAnother) {
            throw new BrokerPortTakenException(bindAddress, preferredPort);
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(bindAddress, 0));
            return probe.getLocalPort();
        }
    }

    /** The URL clients on this machine use for a broker on {@code port}. */
    public static String urlFor(int port) {
        return "tcp://127.0.0.1:" + port;
    }

    /** Starts on {@code preferredPort}, or on a free port when that one is taken (the demo's way). */
    public static EmbeddedBroker startOnFreePort(String bindAddress, int preferredPort) throws IOException {
        try {
            if (preferredPort == 0) {
                throw new BrokerPortTakenException(bindAddress, 0); // 0: any free port
            }
            return start(bindAddress, preferredPort);
        } catch (BrokerPortTakenException e) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(bindAddress, 0));
                int free = probe.getLocalPort();
                probe.close();
                return start(bindAddress, free);
            }
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return urlFor(port);
    }

    static boolean isFree(String bindAddress, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(bindAddress, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String config(String bindAddress, int port) {
        return "<?xml version=\"1.0\"?>\n"
            + "<hivemq>\n"
            + "  <listeners>\n"
            + "    <tcp-listener><port>" + port + "</port><bind-address>" + bindAddress + "</bind-address>"
            + "</tcp-listener>\n"
            + "  </listeners>\n"
            + "  <persistence><mode>in-memory</mode></persistence>\n"
            + "  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>\n"
            // Node-RED 4.1 compares the array of subscription identifiers HiveMQ puts on a message matching two of
            // its subscriptions with a number, and both of its nodes lose the message; without identifiers it
            // matches topics itself, as it does on Mosquitto
            + "  <mqtt><subscription-identifier><enabled>false</enabled></subscription-identifier></mqtt>\n"
            + "</hivemq>\n";
    }

    /** Stops the broker, waiting for HiveMQ's orderly stop (about 4 s). */
    @Override
    public void close() {
        close(10_000);
    }

    /**
     * Stops the broker, waiting at most {@code waitMs} for HiveMQ. When the JVM is exiting anyway (Ctrl-C, SIGTERM)
     * there is nothing to keep (persistence is in memory) and clients see the socket close: half a second will do.
     */
    public void close(long waitMs) {
        try {
            hivemq.stop().get(waitMs, TimeUnit.MILLISECONDS);
            hivemq.close();
        } catch (TimeoutException e) {
            LOG.debug("embedded broker stop: not done in {} ms", waitMs);
        } catch (Exception e) {
            LOG.debug("embedded broker stop: {}", e.toString());
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("cannot remove {}: {}", home, e.toString());
        }
    }
}
