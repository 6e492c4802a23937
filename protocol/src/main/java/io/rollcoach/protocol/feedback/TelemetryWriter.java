package io.rollcoach.protocol.feedback;

import org.agrona.MutableDirectBuffer;

/**
 * Writes {@link Telemetry} as one JSON object: {@code {"t":..,"device":..,"step":..,"pos":..,"force":..,
 * "contact":..,"stroke":..,"cadence":..,"coverage":..,"dwell":..,"stepTime":..,"tissueTime":..,"tissueTarget":..,
 * "sessionTime":..}};
 * unknown values are null. Allocates nothing.
 */
public final class TelemetryWriter {
    public static final int MAX_LENGTH = 512;

    private static final byte[] T = JsonWriter.key("t");
    private static final byte[] DEVICE = JsonWriter.key("device");
    private static final byte[] STEP = JsonWriter.key("step");
    private static final byte[] POS = JsonWriter.key("pos");
    private static final byte[] FORCE = JsonWriter.key("force");
    private static final byte[] CONTACT = JsonWriter.key("contact");
    private static final byte[] STROKE = JsonWriter.key("stroke");
    private static final byte[] CADENCE = JsonWriter.key("cadence");
    private static final byte[] COVERAGE = JsonWriter.key("coverage");
    private static final byte[] DWELL = JsonWriter.key("dwell");
    private static final byte[] STEPTIME = JsonWriter.key("stepTime");
    private static final byte[] TISSUETIME = JsonWriter.key("tissueTime");
    private static final byte[] TISSUETARGET = JsonWriter.key("tissueTarget");
    private static final byte[] SESSIONTIME = JsonWriter.key("sessionTime");

    private final JsonWriter json = new JsonWriter();

    /** @return the number of bytes written at {@code offset} */
    public int write(Telemetry telemetry, MutableDirectBuffer buffer, int offset) {
        json.wrap(buffer, offset).beginObject();
        json.name(T).number(telemetry.timeSeconds, 3);
        json.name(DEVICE).string(telemetry.device);
        json.name(STEP).string(telemetry.step);
        json.name(POS).number(telemetry.positionMm, 1);
        json.name(FORCE).number(telemetry.forceNewtons, 1);
        json.name(CONTACT).bool(telemetry.contact);
        json.name(STROKE).number(telemetry.lastStrokeMm, 1);
        json.name(CADENCE).number(telemetry.cadencePerMinute, 1);
        json.name(COVERAGE).number(telemetry.coverageMm, 1);
        json.name(DWELL).number(telemetry.dwellSeconds, 1);
        json.name(STEPTIME).number(telemetry.stepSeconds, 1);
        json.name(TISSUETIME).number(telemetry.tissueSeconds, 1);
        json.name(TISSUETARGET).number(telemetry.tissueTargetSeconds, 1);
        json.name(SESSIONTIME).number(telemetry.sessionSeconds, 1);
        json.endObject();
        return json.position() - offset;
    }
}
