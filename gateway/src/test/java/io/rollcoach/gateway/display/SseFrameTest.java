package io.rollcoach.gateway.display;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** What the relay writes for each message: one Server-Sent Events frame, whatever line breaks its text holds. */
class SseFrameTest {
    private static String frame(String event, String data) {
        return new String(DisplayRelay.encode(event, data), StandardCharsets.UTF_8);
    }

    @Test
    void oneLineOfJsonIsOneDataLine() {
        assertEquals("event: feedback\ndata: {\"t\":1.5,\"message\":\"Ease off – 46 lb\"}\n\n",
            frame("feedback", "{\"t\":1.5,\"message\":\"Ease off – 46 lb\"}"));
    }

    @Test
    void everyKindOfLineBreakStartsADataLineOfItsOwn() {
        assertEquals("event: hello\ndata: a\ndata: b\ndata: c\ndata: \ndata: d\n\n", frame("hello", "a\nb\r\nc\r\rd"));
    }
}
