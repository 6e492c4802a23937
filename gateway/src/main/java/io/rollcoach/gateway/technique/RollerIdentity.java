package io.rollcoach.gateway.technique;

import io.rollcoach.gateway.outbox.MessageSink;
import io.rollcoach.gateway.outbox.OutboxMessageType;
import io.rollcoach.protocol.feedback.JsonWriter;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Who the roller is and what it said of itself: its name (configured, or its id in hex from HELLO), firmware,
 * rate, radius, sensors and latest STATUS, published as the retained {@code info}; and whether it is online,
 * published as the retained {@code status}. Rare: at HELLO, STATUS and link changes, not per sample.
 */
final class RollerIdentity {
    private static final String[] SENSOR_NAMES = {"force", "rotation", "button"};

    private final MessageSink sink;
    final StringBuilder device = new StringBuilder(32);
    private final boolean named;
    private final JsonWriter json = new JsonWriter();
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[1024]);
    /** The device's name for other threads (command routing); changes only at HELLO. */
    private volatile String deviceName;

    long deviceId;
    double radiusMm;
    boolean radiusFromHello;
    boolean online;
    private int firmwareMajor;
    private int firmwareMinor;
    private int sampleRate = -1;
    private int sensors = -1;
    private int batteryPercent = -1;
    private int temperature;
    private int faultFlags;

    RollerIdentity(MessageSink sink, String configuredName, double radiusMm) {
        this.sink = sink;
        this.named = configuredName != null;
        device.append(named ? configuredName : "unknown");
        this.deviceName = device.toString();
        this.radiusMm = radiusMm;
    }

    String deviceName() {
        return deviceName;
    }

    void onHello(long id, int major, int minor, int sampleRateHz, int radiusTenthMm, int sensorBits) {
        deviceId = id;
        if (!named) {
            device.setLength(0);
            for (int shift = 60; shift >= 0; shift -= 4) {
                device.append(Character.forDigit((int) (id >>> shift) & 0xF, 16));
            }
        }
        if (radiusTenthMm > 0) {
            radiusMm = radiusTenthMm / 10.0;
            radiusFromHello = true;
        }
        firmwareMajor = major;
        firmwareMinor = minor;
        sampleRate = sampleRateHz;
        sensors = sensorBits;
        deviceName = device.toString();
        markOnline();
        publishInfo();
    }

    void onStatus(int battery, int temperatureCelsius, int flags) {
        batteryPercent = battery;
        temperature = temperatureCelsius;
        faultFlags = flags;
        publishInfo();
    }

    /** The roller's link is up once data flows: said once, retained on {@code <id>/status}. */
    void markOnline() {
        if (!online) {
            online = true;
            publishStatus("online");
        }
    }

    void markOffline() {
        if (online) {
            online = false;
            publishStatus("offline");
        }
    }

    private void publishStatus(String status) {
        scratch.putStringWithoutLengthAscii(0, status);
        sink.publish(OutboxMessageType.ROLLER_STATUS, device, scratch, 0, status.length());
    }

    private void publishInfo() {
        json.wrap(scratch, 0).beginObject();
        json.name("device").string(device);
        json.name("deviceId").string(deviceId == 0 ? null : hex(deviceId));
        if (sampleRate >= 0) {
            json.name("firmware").string(firmwareMajor + "." + firmwareMinor);
            json.name("sampleRateHz").number(sampleRate);
        }
        json.name("radiusMm").number(radiusMm, 1);
        json.name("radiusFrom").string(radiusFromHello ? "roller" : "config");
        json.name("sensors").beginArray();
        for (int bit = 0; bit < SENSOR_NAMES.length; bit++) {
            if (sensors >= 0 && (sensors & (1 << bit)) != 0) {
                json.item().string(SENSOR_NAMES[bit]);
            }
        }
        json.endArray();
        if (batteryPercent >= 0) {
            json.name("batteryPercent").number(batteryPercent);
            json.name("temperatureC").number(temperature);
            json.name("faultFlags").number(faultFlags);
        }
        json.endObject();
        sink.publish(OutboxMessageType.ROLLER_INFO, device, scratch, 0, json.position());
    }

    static String hex(long id) {
        String digits = Long.toHexString(id);
        return "0".repeat(16 - digits.length()) + digits;
    }
}
