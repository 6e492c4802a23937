package io.rollcoach.gateway.config;

import java.nio.file.Path;

/**
 * A roller on a serial port ({@code - serial: /dev/ttyUSB0}).
 *
 * @param port    a port name or path; the stable {@code /dev/serial/by-id/...} is best
 * @param baud    bits a second, {@link #MIN_BAUD}..{@link #MAX_BAUD}
 * @param capture keep the raw byte stream in {@code storage.dir/captures/} (when {@code storage.captures} allows)
 */
public record SerialInputConfig(String port, int baud, boolean capture, String topicName, String where)
    implements InputConfig {
    public static final int DEFAULT_BAUD = 115_200;
    public static final int MIN_BAUD = 1200;
    public static final int MAX_BAUD = 4_000_000;

    public SerialInputConfig {
        if (port == null || port.isBlank()) {
            throw new IllegalArgumentException("serial must name a serial port, was " + (port == null ? "nothing"
                : "'" + port + "'"));
        }
        checkBaud("baud", baud);
        InputConfig.checkTopicName("name", topicName);
    }

    /** @throws IllegalArgumentException naming {@code key} when {@code baud} is out of range */
    public static void checkBaud(String key, int baud) {
        if (baud < MIN_BAUD || baud > MAX_BAUD) {
            throw new IllegalArgumentException(key + " must be from " + MIN_BAUD + " to " + MAX_BAUD + ", was " + baud);
        }
    }

    /** The name the roller goes by until its HELLO: the entry's name, else the port's file name. */
    public String label() {
        return topicName != null ? topicName : Path.of(port).getFileName().toString();
    }
}
