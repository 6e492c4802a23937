package io.rollcoach.protocol.feedback;

import java.nio.charset.StandardCharsets;

/** What a feedback event is about; its JSON name is {@link #jsonName()}. */
public enum Rule {
    CONTACT("contact"),
    STROKE("stroke"),
    COVERAGE("coverage"),
    TRIGGER_POINT("trigger-point"),
    TISSUE("tissue"),
    LOAD("load"),
    CADENCE("cadence"),
    HOLD("hold"),
    STEP("step"),
    SESSION("session"),
    DATA("data");

    private final String jsonName;
    private final byte[] ascii;

    Rule(String jsonName) {
        this.jsonName = jsonName;
        this.ascii = jsonName.getBytes(StandardCharsets.US_ASCII);
    }

    public String jsonName() {
        return jsonName;
    }

    byte[] ascii() {
        return ascii;
    }

    /** The rule with this JSON name, or null. */
    public static Rule fromJsonName(String name) {
        for (Rule rule : values()) {
            if (rule.jsonName.equals(name)) {
                return rule;
            }
        }
        return null;
    }
}
