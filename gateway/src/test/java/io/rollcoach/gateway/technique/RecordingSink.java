package io.rollcoach.gateway.technique;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollcoach.gateway.outbox.MessageSink;
import io.rollcoach.gateway.outbox.OutboxMessageType;
import org.agrona.DirectBuffer;

/** Keeps what an engine publishes, parsed, for assertions. */
final class RecordingSink implements MessageSink {
    private static final ObjectMapper JSON = new ObjectMapper();
    final List<JsonNode> events = new ArrayList<>();
    final List<JsonNode> telemetry = new ArrayList<>();
    final List<JsonNode> summaries = new ArrayList<>();
    final List<JsonNode> infos = new ArrayList<>();
    final List<String> statuses = new ArrayList<>();
    final List<JsonNode> coach = new ArrayList<>();

    @Override
    public void publish(int type, CharSequence device, DirectBuffer body, int offset, int length) {
        byte[] bytes = new byte[length];
        body.getBytes(offset, bytes);
        if (type == OutboxMessageType.ROLLER_STATUS) {
            statuses.add(new String(bytes, StandardCharsets.UTF_8));
            return;
        }
        JsonNode node;
        try {
            node = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + new String(bytes, StandardCharsets.UTF_8), e);
        }
        switch (type) {
            case OutboxMessageType.FEEDBACK -> events.add(node);
            case OutboxMessageType.TELEMETRY -> telemetry.add(node);
            case OutboxMessageType.SESSION -> summaries.add(node);
            case OutboxMessageType.COACH -> coach.add(node);
            default -> infos.add(node);
        }
    }

    /** "rule verdict" of every event, in order. */
    List<String> verdicts() {
        return events.stream().map(e -> e.get("rule").asText() + " " + e.get("verdict").asText())
            .collect(Collectors.toList());
    }

    /** The same, without the data rule: what judging the rolling said. */
    List<String> techniqueVerdicts() {
        return verdicts().stream().filter(v -> !v.startsWith("data ")).collect(Collectors.toList());
    }

    List<JsonNode> events(String rule, String verdict) {
        return events.stream().filter(e -> e.get("rule").asText().equals(rule)
            && e.get("verdict").asText().equals(verdict)).collect(Collectors.toList());
    }
}
