package io.rollcoach.protocol.feedback;

import org.agrona.MutableDirectBuffer;

/**
 * Writes a {@link FeedbackEvent} as one JSON object, the same bytes for the analyze output, MQTT and the
 * display: {@code {"t":12.345,"n":17,"device":"00c0ffee00000001","rule":"stroke","verdict":"too-long",
 * "severity":"warn","value":80.2,"unit":"mm","min":25.4,"max":50.8,"step":"soleus-left","message":"..."}}.
 * Absent optional fields are left out. Allocates nothing.
 */
public final class FeedbackEventWriter {
    /** Enough for any event whose message fits the engine's messages with room to spare. */
    public static final int MAX_LENGTH = 1024;

    private final JsonWriter json = new JsonWriter();

    /** @return the number of bytes written at {@code offset} */
    public int write(FeedbackEvent event, MutableDirectBuffer buffer, int offset) {
        json.wrap(buffer, offset).beginObject();
        json.name("t").number(event.timeSeconds, 3);
        json.name("n").number(event.sequence);
        json.name("device").string(event.device);
        json.name("rule").string(event.rule.ascii());
        json.name("verdict").string(event.verdict.ascii());
        json.name("severity").string(event.severity.ascii());
        if (!Double.isNaN(event.value)) {
            json.name("value").number(event.value, 1);
        }
        if (event.unit != null) {
            json.name("unit").string(event.unit);
        }
        if (!Double.isNaN(event.min)) {
            json.name("min").number(event.min, 1);
        }
        if (!Double.isNaN(event.max)) {
            json.name("max").number(event.max, 1);
        }
        if (event.step != null) {
            json.name("step").string(event.step);
        }
        json.name("message").string(event.message);
        json.endObject();
        return json.position() - offset;
    }
}
