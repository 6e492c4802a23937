package io.rollcoach.bench.harness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import io.rollcoach.gateway.broker.EmbeddedBroker;
import picocli.CommandLine.Option;

/** Which broker a harness command uses: the local Mosquitto, another one, or an embedded one it starts. */
final class BrokerOptions {
    @Option(names = "--broker", paramLabel = "URL",
        description = "The broker the gateway publishes to and the harness listens on (default the local Mosquitto).")
    String broker = "tcp://127.0.0.1:1883";

    @Option(names = "--embedded", description = "Use an embedded broker started by the harness instead.")
    boolean embedded;

    /** The broker URL to use, starting the embedded one when asked; close the result when done. */
    BrokerHandle broker() throws IOException {
        if (embedded) {
            EmbeddedBroker started = EmbeddedBroker.startOnFreePort("127.0.0.1", 0);
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
