package io.rollcoach.gateway.serial;

/**
 * Where the roller is and how fast it talks, validated once at startup.
 *
 * @param port a port name ({@code ttyUSB0}, {@code COM3}) or a path; prefer a stable one such as
 *             {@code /dev/serial/by-id/usb-...}, which survives replugging into another USB socket
 * @param baud bits a second; the roller's firmware default is {@link #DEFAULT_BAUD} (8N1)
 */
public record SerialLinkConfig(String port, int baud) {
    public static final int DEFAULT_BAUD = 115_200;
    /** Above this no USB-serial adapter we know of goes; a larger value is a typo. */
    static final int MAX_BAUD = 12_000_000;

    public SerialLinkConfig {
        if (port == null || port.isBlank()) {
            throw new IllegalArgumentException("serial port must be set (a name like ttyUSB0 or a path like "
                + "/dev/serial/by-id/...), was " + (port == null ? "null" : "\"" + port + "\""));
        }
        if (!port.equals(port.strip())) {
            throw new IllegalArgumentException("serial port must not start or end with spaces, was \"" + port + "\"");
        }
        if (baud <= 0 || baud > MAX_BAUD) {
            throw new IllegalArgumentException("serial baud must be 1.." + MAX_BAUD + " (default " + DEFAULT_BAUD
                + "), was " + baud);
        }
    }

    /** The given port at {@link #DEFAULT_BAUD}. */
    public static SerialLinkConfig of(String port) {
        return new SerialLinkConfig(port, DEFAULT_BAUD);
    }
}
