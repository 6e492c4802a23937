package io.rollcoach.bench.harness;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The smallest MQTT 3.1.1 client there is, for measuring: one thread reads its socket and stamps each PUBLISH the
 * moment its last byte is read, before any parsing — the way a device or a single-threaded client (paho-python,
 * mosquitto_sub) receives. Paho's Java client hands each message from its receiver thread to a callback thread, and
 * on a machine whose idle cores are slow to wake that hop alone can cost a few hundred microseconds of the figure. It
 * also publishes at QoS 0 or 1 from the caller's thread (its reader takes the PUBACKs), for the broker's own floor.
 */
final class SocketMqttClient implements AutoCloseable {
    /** Called on the reader thread with the time the message's last byte arrived. */
    interface Receiver {
        void messageArrived(String topic, byte[] payload, long arrivedNanos);
    }

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final Thread reader;
    private volatile boolean closing;
    private int packetId; // the publishing thread's

    /**
     * Connects with a clean session and subscribes to each filter at its QoS ({@code filters[i]}, {@code qos[i]});
     * no filters: a publisher only.
     */
    SocketMqttClient(String brokerUrl, List<String> filters, int[] qos, Receiver receiver) throws IOException {
        URI uri = URI.create(brokerUrl);
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 1883 : uri.getPort()), 10_000);
        socket.setSoTimeout(10_000);
        out = socket.getOutputStream();
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        connect("bench-socket-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        if (!filters.isEmpty()) {
            subscribe(filters, qos);
        }
        socket.setSoTimeout(0);
        reader = new Thread(() -> readLoop(receiver), "bench-subscriber");
        reader.setDaemon(true);
        reader.start();
    }

    private void connect(String clientId) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        // 3.1.1, clean session, keep-alive off: a subscriber that only listens sends nothing for as long as a run lasts
        body.writeBytes(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 0});
        writeString(body, clientId);
        send(0x10, body);
        int type = in.readUnsignedByte();
        int length = readRemainingLength();
        byte[] ack = new byte[length];
        in.readFully(ack);
        if (type != 0x20 || length < 2 || ack[1] != 0) {
            throw new IOException("the broker refused the harness's subscriber (CONNACK " + (length > 1 ? ack[1] : -1)
                + ")");
        }
    }

    private void subscribe(List<String> filters, int[] qos) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0, 1}); // packet id
        for (int i = 0; i < filters.size(); i++) {
            writeString(body, filters.get(i));
            body.write(qos[i]);
        }
        send(0x82, body);
        int type = in.readUnsignedByte();
        byte[] ack = new byte[readRemainingLength()];
        in.readFully(ack);
        if (type != 0x90) {
            throw new IOException("expected SUBACK, got packet type " + (type >> 4));
        }
        for (int i = 4; i < ack.length; i++) {
            if ((ack[i] & 0xff) == 0x80) {
                throw new IOException("the broker refused the subscription to " + filters.get(i - 4));
            }
        }
    }

    private void readLoop(Receiver receiver) {
        try {
            while (!closing) {
                int header = in.readUnsignedByte();
                byte[] body = new byte[readRemainingLength()];
                in.readFully(body);
                long arrived = System.nanoTime();
                if ((header >> 4) != 3) {
                    continue; // PINGRESP and the like
                }
                int topicLength = ((body[0] & 0xff) << 8) | (body[1] & 0xff);
                String topic = new String(body, 2, topicLength, StandardCharsets.UTF_8);
                int at = 2 + topicLength;
                int qos = (header >> 1) & 3;
                if (qos > 0) {
                    synchronized (out) {
                        out.write(new byte[] {(byte) (qos == 1 ? 0x40 : 0x50), 2, body[at], body[at + 1]});
                        out.flush();
                    }
                    at += 2;
                }
                byte[] payload = new byte[body.length - at];
                System.arraycopy(body, at, payload, 0, payload.length);
                receiver.messageArrived(topic, payload, arrived);
            }
        } catch (EOFException e) {
            if (!closing) {
                System.err.println("bench: the broker closed the subscriber's connection");
            }
        } catch (IOException e) {
            if (!closing) {
                System.err.println("bench: subscriber: " + e.getMessage());
            }
        }
    }

    private int readRemainingLength() throws IOException {
        int value = 0;
        int multiplier = 1;
        int digit;
        do {
            digit = in.readUnsignedByte();
            value += (digit & 0x7f) * multiplier;
            multiplier *= 128;
        } while ((digit & 0x80) != 0);
        return value;
    }

    private void send(int header, ByteArrayOutputStream body) throws IOException {
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(header);
        int length = body.size();
        do {
            int digit = length % 128;
            length /= 128;
            packet.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        body.writeTo(packet);
        synchronized (out) {
            packet.writeTo(out);
            out.flush();
        }
    }

    /** A QoS 0 PUBLISH, written and flushed on the caller's thread. */
    void publish(String topic, byte[] payload) throws IOException {
        publish(topic, payload, 0);
    }

    /** A PUBLISH at QoS 0 or 1, written and flushed on the caller's thread; the reader thread takes the PUBACK. */
    void publish(String topic, byte[] payload, int qos) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(payload.length + topic.length() + 4);
        writeString(body, topic);
        if (qos == 1) {
            packetId = packetId % 65535 + 1;
            body.write(packetId >> 8);
            body.write(packetId);
        }
        body.writeBytes(payload);
        send(qos == 1 ? 0x32 : 0x30, body);
    }

    private static void writeString(ByteArrayOutputStream to, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        to.write(bytes.length >> 8);
        to.write(bytes.length);
        to.writeBytes(bytes);
    }

    @Override
    public void close() throws IOException {
        closing = true;
        try {
            synchronized (out) {
                out.write(new byte[] {(byte) 0xe0, 0}); // DISCONNECT
                out.flush();
            }
        } finally {
            socket.close();
        }
    }
}
