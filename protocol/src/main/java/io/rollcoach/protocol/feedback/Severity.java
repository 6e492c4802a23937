package io.rollcoach.protocol.feedback;

import java.nio.charset.StandardCharsets;

/** How a display colours an event: info (neutral), good (praise, done), warn (change something), error (data). */
public enum Severity {
    INFO("info"),
    GOOD("good"),
    WARN("warn"),
    ERROR("error");

    private final String jsonName;
    private final byte[] ascii;

    Severity(String jsonName) {
        this.jsonName = jsonName;
        this.ascii = jsonName.getBytes(StandardCharsets.US_ASCII);
    }

    public String jsonName() {
        return jsonName;
    }

    byte[] ascii() {
        return ascii;
    }
}
