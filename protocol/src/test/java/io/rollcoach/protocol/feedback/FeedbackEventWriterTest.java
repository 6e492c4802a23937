package io.rollcoach.protocol.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.ThreadMXBean;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class FeedbackEventWriterTest {
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[FeedbackEventWriter.MAX_LENGTH]);
    private final FeedbackEventWriter writer = new FeedbackEventWriter();

    private static FeedbackEvent strokeTooLong() {
        FeedbackEvent event = new FeedbackEvent().reset();
        event.timeSeconds = 12.345;
        event.sequence = 17;
        event.device = "00c0ffee00000001";
        event.rule = Rule.STROKE;
        event.verdict = Verdict.TOO_LONG;
        event.severity = Severity.WARN;
        event.value = 80.2;
        event.unit = "mm";
        event.min = 25.4;
        event.max = 50.8;
        event.step = "soleus-left";
        event.message.append("Shorter strokes: 3.2 in. Aim for 1-2 in.");
        return event;
    }

    private String write(FeedbackEvent event) {
        int length = writer.write(event, buffer, 0);
        return buffer.getStringWithoutLengthAscii(0, length);
    }

    @Test
    void writesTheIssuesExampleExactly() {
        assertEquals("{\"t\":12.345,\"n\":17,\"device\":\"00c0ffee00000001\",\"rule\":\"stroke\","
                + "\"verdict\":\"too-long\",\"severity\":\"warn\",\"value\":80.2,\"unit\":\"mm\",\"min\":25.4,"
                + "\"max\":50.8,\"step\":\"soleus-left\","
                + "\"message\":\"Shorter strokes: 3.2 in. Aim for 1-2 in.\"}",
            write(strokeTooLong()));
    }

    @Test
    void leavesOutAbsentFieldsAndEscapesText() throws Exception {
        FeedbackEvent event = new FeedbackEvent().reset();
        event.timeSeconds = 0.0005;
        event.sequence = 0;
        event.device = "kitchen \"roller\"";
        event.rule = Rule.DATA;
        event.verdict = Verdict.LINK_LOST;
        event.severity = Severity.ERROR;
        event.message.append("Roller gone \u2014 check the cable\\\n");
        String json = write(event);
        JsonNode node = new ObjectMapper().readTree(json);
        assertEquals(0.001, node.get("t").asDouble());
        assertEquals("kitchen \"roller\"", node.get("device").asText());
        assertEquals("Roller gone \u2014 check the cable\\\n", node.get("message").asText());
        assertFalse(node.has("value"));
        assertFalse(node.has("step"));
        assertTrue(json.chars().allMatch(c -> c < 0x80), "output is ASCII");
    }

    @Test
    void writesNumbersTheSameWayJavaParsesThem() throws Exception {
        JsonWriter json = new JsonWriter();
        double[] values = {0, -0.04, -0.05, 1, 1.25, -3.5, 123456.7891, 9.9999, 1e-9};
        for (double value : values) {
            json.wrap(buffer, 0).number(value, 3);
            String text = buffer.getStringWithoutLengthAscii(0, json.position());
            assertEquals(Math.round(value * 1000) / 1000.0, Double.parseDouble(text), 1e-12, text);
        }
        json.wrap(buffer, 0).number(Double.NaN, 1);
        assertEquals("null", buffer.getStringWithoutLengthAscii(0, json.position()));
        json.wrap(buffer, 0).number(-9_007_199_254_740_993L);
        assertEquals("-9007199254740993", buffer.getStringWithoutLengthAscii(0, json.position()));
    }

    @Test
    void writesTelemetryThatParses() throws Exception {
        Telemetry telemetry = new Telemetry();
        telemetry.timeSeconds = 3.5;
        telemetry.device = "00c0ffee00000001";
        telemetry.step = "soleus-left";
        telemetry.positionMm = 12.34;
        telemetry.forceNewtons = 250;
        telemetry.contact = true;
        int length = new TelemetryWriter().write(telemetry, buffer, 0);
        byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        JsonNode node = new ObjectMapper().readTree(new String(bytes, StandardCharsets.US_ASCII));
        assertEquals(12.3, node.get("pos").asDouble());
        assertTrue(node.get("contact").asBoolean());
        assertTrue(node.get("stroke").isNull(), "unknown values are null");
    }

    @Test
    void allocatesNothingWhileWriting() {
        FeedbackEvent event = strokeTooLong();
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) {
            event.sequence = i;
            writer.write(event, buffer, 0);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            event.sequence = i;
            event.timeSeconds = i * 0.001;
            writer.write(event, buffer, 0);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 10_000, "allocated " + allocated + " bytes for 100k events");
    }
}
