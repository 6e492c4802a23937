package io.rollcoach.gateway.display;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * {@code GET /events[?roller=<id>]}: a Server-Sent Events stream. Each page holds one HTTP thread that writes
 * what the relay queued for it, so a page on a slow network only ever delays itself.
 */
final class EventStream implements HttpHandler {
    /** Pages at once, at most: each holds a thread, and the rest of the pool must stay free for requests. */
    static final int MAX_CLIENTS = 32;
    static final long HEARTBEAT_MS = 15_000;
    private static final byte[] PREAMBLE = "retry: 2000\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.US_ASCII);

    private final DisplayRelay relay;
    private final AtomicInteger streams = new AtomicInteger();
    private volatile boolean closing;

    EventStream(DisplayRelay relay) {
        this.relay = relay;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                Responses.text(exchange, 405, "GET only");
                return;
            }
            if (streams.incrementAndGet() > MAX_CLIENTS || closing) {
                streams.decrementAndGet();
                Responses.text(exchange, 503, "too many display pages are open (at most " + MAX_CLIENTS + ")");
                return;
            }
            try {
                stream(exchange, Responses.queryParameter(exchange, "roller"));
            } finally {
                streams.decrementAndGet();
            }
        }
    }

    private void stream(HttpExchange exchange, String roller) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Accel-Buffering", "no"); // a reverse proxy must not hold events back
        exchange.sendResponseHeaders(200, 0);
        SseClient client = new SseClient(roller);
        OutputStream out = exchange.getResponseBody();
        try {
            out.write(PREAMBLE);
            out.flush();
            relay.join(client);
            long lastBeat = System.currentTimeMillis();
            while (!closing) {
                SseClient.Frame frame = client.take(HEARTBEAT_MS);
                if (frame == SseClient.CLOSE) {
                    break;
                }
                if (frame != null) {
                    out.write(frame.bytes());
                }
                long now = System.currentTimeMillis();
                if (now - lastBeat >= HEARTBEAT_MS) {
                    out.write(HEARTBEAT); // keeps proxies and NAT from closing a quiet stream
                    lastBeat = now;
                }
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the page went away: nothing to tell it
        } finally {
            client.close();
        }
    }

    void close() {
        closing = true;
    }

    int streams() {
        return streams.get();
    }
}
