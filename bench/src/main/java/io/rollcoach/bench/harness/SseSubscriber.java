package io.rollcoach.bench.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Reads the display's event stream ({@code /events}) as a page does, over a plain socket on one thread, and stamps
 * each {@code feedback} and {@code telemetry} event when the read that completed it returns, as the socket MQTT
 * subscriber does. Decodes the chunked body of the JDK's HTTP server itself, so nothing sits between the socket
 * and the clock.
 */
final class SseSubscriber implements AutoCloseable {
    private final Socket socket;
    private final Thread reader;
    private final LatencyRun run;
    private volatile boolean closed;

    SseSubscriber(LatencyRun run, int port) throws IOException, InterruptedException {
        this.run = run;
        Socket connected = null;
        for (int attempt = 0; connected == null; attempt++) {
            try {
                connected = new Socket();
                connected.setTcpNoDelay(true);
                connected.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            } catch (IOException e) {
                connected = null;
                if (attempt >= 50) {
                    throw new IOException("the gateway's display did not answer on port " + port, e);
                }
                Thread.sleep(100);
            }
        }
        socket = connected;
        OutputStream out = socket.getOutputStream();
        out.write(("GET /events HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: text/event-stream\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        reader = new Thread(this::read, "bench-sse");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        byte[] buffer = new byte[64 * 1024];
        ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
        // 0: headers; 1: chunk size line; 2: chunk data; 3: the CRLF after a chunk
        int state = 0;
        long chunkLeft = 0;
        String event = null;
        try (InputStream in = socket.getInputStream()) {
            stream:
            for (int read; (read = in.read(buffer)) > 0; ) {
                long arrived = System.nanoTime();
                for (int i = 0; i < read; i++) {
                    byte b = buffer[i];
                    if (state == 2) {
                        chunkLeft--;
                        if (chunkLeft == 0) {
                            state = 3;
                        }
                        if (b == '\n') {
                            String text = line.toString(StandardCharsets.UTF_8);
                            line.reset();
                            if (text.startsWith("event: ")) {
                                event = text.substring(7);
                            } else if (text.startsWith("data: ") && event != null) {
                                boolean feedback = event.equals("feedback");
                                if (feedback || event.equals("telemetry")) {
                                    run.onSseMessage(feedback, text.substring(6), arrived);
                                }
                            } else if (text.isEmpty()) {
                                event = null;
                            }
                        } else {
                            line.write(b);
                        }
                        continue;
                    }
                    if (b != '\n') {
                        if (b != '\r' && state != 3) {
                            line.write(b);
                        }
                        continue;
                    }
                    String text = line.toString(StandardCharsets.US_ASCII);
                    if (state == 0) {
                        line.reset();
                        if (text.isEmpty()) {
                            state = 1;
                        }
                    } else if (state == 1) {
                        line.reset();
                        int semi = text.indexOf(';');
                        chunkLeft = Long.parseLong((semi < 0 ? text : text.substring(0, semi)).trim(), 16);
                        if (chunkLeft == 0) {
                            break stream; // the stream ended
                        }
                        state = 2;
                    } else {
                        state = 1; // the chunk's trailing CRLF; a partial SSE line stays in `line`
                    }
                }
            }
            if (!closed) {
                // e.g. closed by the gateway as a page too slow to keep up (clientsClosedSlow): what follows is missing
                System.err.println("bench: the display's event stream ended before the run did");
            }
        } catch (IOException e) {
            if (!closed) {
                System.err.println("bench: the display's event stream failed: " + e);
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        closed = true;
        socket.close();
        reader.join(2000);
    }
}
