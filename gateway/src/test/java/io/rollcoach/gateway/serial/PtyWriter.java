package io.rollcoach.gateway.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fazecast.jSerialComm.SerialPort;

/** The roller's side of a {@link SocatPair}: a plain jSerialComm port that writes bytes as given. */
public final class PtyWriter implements AutoCloseable {
    private final SerialPort port;

    public PtyWriter(String path) {
        port = SerialPort.getCommPort(path);
        port.setComPortParameters(SerialLinkConfig.DEFAULT_BAUD, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_WRITE_BLOCKING, 0, 5_000);
        assertTrue(port.openPort(), "open " + path + ", error " + port.getLastErrorCode());
    }

    public void write(byte[] bytes) {
        write(bytes, 0, bytes.length);
    }

    public void write(byte[] bytes, int offset, int length) {
        assertEquals(length, port.writeBytes(bytes, length, offset), "bytes written to " + port.getSystemPortPath());
    }

    /** Reads what the gateway sent, waiting up to {@code timeoutMs} for the first byte. */
    public int read(byte[] into, int timeoutMs) {
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, timeoutMs,
            5_000);
        return port.readBytes(into, into.length);
    }

    @Override
    public void close() {
        port.closePort();
    }
}
