package io.rollcoach.protocol.feedback;

import org.agrona.MutableDirectBuffer;

/**
 * Writes a {@link FeedbackEvent} as one JSON object, the same bytes for the analyze output, MQTT and the
 * display: {@code {"t":12.345,"n":17,"device":"00c0ffee00000001","rule":"stroke","verdict":"too-long",
 * "severity":"warn","value":80.2,"unit":"mm","min":25.4,"max":50.8,"step":"soleus-left","message":"...",
 * "speech":"..."}}.
 * Absent optional fields are left out. Allocates nothing.
 */
public final class FeedbackEventWriter {
    /** Enough for any event whose message fits the engine's messages with room to spare. */
    public static final int MAX_LENGTH = 2048;

    private static final byte[] T = JsonWriter.key("t");
    private static final byte[] N = JsonWriter.key("n");
    private static final byte[] DEVICE = JsonWriter.key("device");
    private static final byte[] RULE = JsonWriter.key("rule");
    private static final byte[] VERDICT = JsonWriter.key("verdict");
    private static final byte[] SEVERITY = JsonWriter.key("severity");
    private static final byte[] VALUE = JsonWriter.key("value");
    private static final byte[] UNIT = JsonWriter.key("unit");
    private static final byte[] MIN = JsonWriter.key("min");
    private static final byte[] MAX = JsonWriter.key("max");
    private static final byte[] STEP = JsonWriter.key("step");
    private static final byte[] MESSAGE = JsonWriter.key("message");
    private static final byte[] SPEECH = JsonWriter.key("speech");

    private final JsonWriter json = new JsonWriter();

    /** @return the number of bytes written at {@code offset} */
    public int write(FeedbackEvent event, MutableDirectBuffer buffer, int offset) {
        json.wrap(buffer, offset).beginObject();
        json.name(T).number(event.timeSeconds, 3);
        json.name(N).number(event.sequence);
        json.name(DEVICE).string(event.device);
        json.name(RULE).string(event.rule.ascii());
        json.name(VERDICT).string(event.verdict.ascii());
        json.name(SEVERITY).string(event.severity.ascii());
        if (!Double.isNaN(event.value)) {
            json.name(VALUE).number(event.value, 1);
        }
        if (event.unit != null) {
            json.name(UNIT).string(event.unit);
        }
        if (!Double.isNaN(event.min)) {
            json.name(MIN).number(event.min, 1);
        }
        if (!Double.isNaN(event.max)) {
            json.name(MAX).number(event.max, 1);
        }
        if (event.step != null) {
            json.name(STEP).string(event.step);
        }
        json.name(MESSAGE).string(event.message);
        if (event.speech.length() > 0) {
            json.name(SPEECH).string(event.speech);
        }
        json.endObject();
        return json.position() - offset;
    }
}
