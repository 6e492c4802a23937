package io.rollcoach.protocol.feedback;

import org.agrona.MutableDirectBuffer;

/**
 * Writes {@link Telemetry} as one JSON object: {@code {"t":..,"device":..,"step":..,"pos":..,"force":..,
 * "contact":..,"stroke":..,"cadence":..,"coverage":..,"dwell":..,"stepTime":..,"tissueTime":..,"tissueTarget":..,"sessionTime":..}};
 * unknown values are null. Allocates nothing.
 */
public final class TelemetryWriter {
    public static final int MAX_LENGTH = 512;

    private final JsonWriter json = new JsonWriter();

    /** @return the number of bytes written at {@code offset} */
    public int write(Telemetry telemetry, MutableDirectBuffer buffer, int offset) {
        json.wrap(buffer, offset).beginObject();
        json.name("t").number(telemetry.timeSeconds, 3);
        json.name("device").string(telemetry.device);
        json.name("step").string(telemetry.step);
        json.name("pos").number(telemetry.positionMm, 1);
        json.name("force").number(telemetry.forceNewtons, 1);
        json.name("contact").bool(telemetry.contact);
        json.name("stroke").number(telemetry.lastStrokeMm, 1);
        json.name("cadence").number(telemetry.cadencePerMinute, 1);
        json.name("coverage").number(telemetry.coverageMm, 1);
        json.name("dwell").number(telemetry.dwellSeconds, 1);
        json.name("stepTime").number(telemetry.stepSeconds, 1);
        json.name("tissueTime").number(telemetry.tissueSeconds, 1);
        json.name("tissueTarget").number(telemetry.tissueTargetSeconds, 1);
        json.name("sessionTime").number(telemetry.sessionSeconds, 1);
        json.endObject();
        return json.position() - offset;
    }
}
