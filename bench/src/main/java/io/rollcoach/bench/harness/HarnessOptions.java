package io.rollcoach.bench.harness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;

import picocli.CommandLine.Option;

/** Options every harness command takes. */
final class HarnessOptions {
    @Option(names = "--broker", paramLabel = "URL",
        description = "The broker the gateway publishes to and the harness listens on (default the local Mosquitto).")
    String broker = "tcp://127.0.0.1:1883";

    @Option(names = "--embedded", description = "Use an embedded broker started by the harness instead.")
    boolean embedded;

    @Option(names = "--gateway-jar", paramLabel = "PATH", description = "The gateway jar (default gateway/target/rollcoach.jar).")
    Path gatewayJar = Path.of("gateway/target/rollcoach.jar");

    @Option(names = "--subscriber", paramLabel = "socket|paho",
        description = "How the harness listens: socket (default) stamps each message as its last byte is read on one "
            + "thread; paho is Paho's Java client, which hands each message to a callback thread first.")
    String subscriber = "socket";

    @Option(names = "--batch-ms", paramLabel = "MS",
        description = "Write each roller's due frames in one write every MS milliseconds (default 1: one frame at a "
            + "time at 1000 samples/s). A USB-serial adapter delivers bursts of 1 to 16 ms; larger batches also "
            + "spare the harness's writer thread and socat when many rollers share two cores.")
    int batchMs = 1;

    @Option(names = "--out", paramLabel = "DIR", description = "Where plots go (default docs).")
    Path out = Path.of("docs");

    /** The broker URL to use, starting the embedded one when asked; close the result when done. */
    BrokerHandle broker() throws IOException {
        if (embedded) {
            io.rollcoach.gateway.broker.EmbeddedBroker started =
                io.rollcoach.gateway.broker.EmbeddedBroker.startOnFreePort("127.0.0.1", 0);
            return new BrokerHandle(started.url(), started);
        }
        String hostPort = broker.replaceFirst("^[a-z]+://", "");
        String host = hostPort.substring(0, hostPort.lastIndexOf(':'));
        int port = Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
        } catch (IOException e) {
            throw new IOException("no broker at " + broker + ": start Mosquitto (mosquitto -d) or pass --embedded", e);
        }
        return new BrokerHandle(broker, null);
    }

    record BrokerHandle(String url, AutoCloseable owned) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            if (owned != null) {
                owned.close();
            }
        }
    }
}
