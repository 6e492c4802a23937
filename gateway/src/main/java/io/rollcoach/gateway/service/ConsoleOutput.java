package io.rollcoach.gateway.service;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollcoach.gateway.agent.AgentErrors;
import io.rollcoach.gateway.agent.AgentThreads;
import io.rollcoach.gateway.outbox.Outbox;
import io.rollcoach.gateway.outbox.OutboxHandler;
import io.rollcoach.gateway.outbox.OutboxIdleStrategy;
import io.rollcoach.gateway.outbox.OutboxMessageType;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One readable line per feedback event on the console (the demo's): an agent on the {@code console-output} thread,
 * asleep until an engine writes. A line that cannot be printed is counted in its {@link #errors()}, and the next one
 * goes out. Off the real-time path: it parses JSON and allocates freely.
 */
final class ConsoleOutput implements AutoCloseable {
    static final String ROLE = "console-output";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleOutput.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int POLL_LIMIT = 64;
    /** Nothing time-based to do: the bound only decides how soon a stop is seen. */
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final int CLOSE_WAIT_MS = 1000;

    private final Outbox.Subscription subscription;
    private final PrintStream out;
    private final OutboxHandler onMessage = this::onMessage;
    private final AgentErrors errors = new AgentErrors(ROLE);
    private final AgentRunner runner;

    ConsoleOutput(Outbox.Subscription subscription, PrintStream out) {
        this.subscription = subscription;
        this.out = out;
        this.runner = new AgentRunner(new OutboxIdleStrategy(subscription, MAX_PARK_NANOS), errors, null,
            new Printer());
    }

    void start() {
        AgentThreads.start(runner);
    }

    AgentErrors errors() {
        return errors;
    }

    private final class Printer implements Agent {
        @Override
        public int doWork() {
            return subscription.poll(onMessage, POLL_LIMIT);
        }

        /** What the engines said before the stop is still printed. */
        @Override
        public void onClose() {
            subscription.poll(onMessage, Integer.MAX_VALUE);
        }

        @Override
        public String roleName() {
            return ROLE;
        }
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
        } catch (IOException e) {
            out.println(buffer.getStringWithoutLengthAscii(offset, length));
        }
    }

    @Override
    public void close() {
        if (!AgentThreads.close(runner, CLOSE_WAIT_MS)) {
            LOG.warn("the console output did not stop within {} ms", CLOSE_WAIT_MS);
        }
    }
}
