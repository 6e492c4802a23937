package io.rollcoach.gateway.service;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollcoach.gateway.outbox.Outbox;
import io.rollcoach.gateway.outbox.OutboxMessageType;
import org.agrona.DirectBuffer;

/** One readable line per feedback event on the console (the demo's), on its own thread. */
final class ConsoleOutput implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Outbox.Subscription subscription;
    private final PrintStream out;
    private final Thread thread;
    private volatile boolean running = true;

    ConsoleOutput(Outbox.Subscription subscription, PrintStream out) {
        this.subscription = subscription;
        this.out = out;
        this.thread = new Thread(this::run, "console-output");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        while (running) {
            if (subscription.poll(this::onMessage, 64) == 0) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
        subscription.poll(this::onMessage, Integer.MAX_VALUE);
    }

    private void onMessage(int type, String device, DirectBuffer buffer, int offset, int length) {
        if (type != OutboxMessageType.FEEDBACK) {
            return;
        }
        try {
            JsonNode event = JSON.readTree(buffer.getStringWithoutLengthAscii(offset, length)
                .getBytes(StandardCharsets.US_ASCII));
            out.printf("%8.1f s  %-5s %-13s %-14s %s%n", event.path("t").asDouble(), event.path("severity").asText(),
                event.path("rule").asText(), event.path("verdict").asText(), event.path("message").asText());
        } catch (java.io.IOException e) {
            out.println(buffer.getStringWithoutLengthAscii(offset, length));
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
