package io.rollcoach.sim.output;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/** A TCP connection to a gateway or a serial-over-TCP bridge. */
public final class TcpOutput implements FrameOutput {
    private final Socket socket;
    private final OutputStream out;
    private final String target;

    public TcpOutput(String hostPort, GatewayBytes fromGateway) throws IOException {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IOException("--tcp needs HOST:PORT, was '" + hostPort + "'");
        }
        int tcpPort;
        try {
            tcpPort = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IOException("--tcp port must be a number, was '" + hostPort.substring(colon + 1) + "'");
        }
        target = hostPort;
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(hostPort.substring(0, colon), tcpPort), 5000);
        out = new BufferedOutputStream(socket.getOutputStream(), 4096);
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[256];
            try (InputStream in = socket.getInputStream()) {
                int read;
                while ((read = in.read(buffer)) > 0) {
                    fromGateway.onBytes(buffer, 0, read);
                }
            } catch (IOException ignored) {
                // the connection closed; the writer reports it
            }
        }, "sim-tcp-reader");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public String describe() {
        return "tcp " + target;
    }

    @Override
    public void close() throws IOException {
        try {
            out.flush();
        } finally {
            socket.close();
        }
    }
}
