package io.rollcoach.sim.output;

import java.io.IOException;

import com.fazecast.jSerialComm.SerialPort;

/** A serial port (a USB adapter, a UART, or one end of a socat pseudo-terminal pair), opened by its path. */
public final class SerialOutput implements FrameOutput {
    private final SerialPort port;
    private final Thread reader;
    private volatile boolean closed;

    public SerialOutput(String path, int baud, GatewayBytes fromGateway) throws IOException {
        port = SerialPort.getCommPort(path);
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, 100, 1000);
        if (!port.openPort()) {
            throw new IOException("cannot open serial port " + path + " (error " + port.getLastErrorCode()
                + "); does it exist, and may this user open it (group dialout)?");
        }
        reader = new Thread(() -> {
            byte[] buffer = new byte[256];
            while (!closed) {
                int read = port.readBytes(buffer, buffer.length);
                if (read > 0) {
                    fromGateway.onBytes(buffer, 0, read);
                } else if (read < 0 && !closed) {
                    return; // the port is gone; the writer will say so
                }
            }
        }, "sim-serial-reader");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        int written = port.writeBytes(bytes, length, offset);
        if (written != length) {
            throw new IOException("serial port " + port.getSystemPortPath() + " took " + written + " of " + length
                + " bytes (error " + port.getLastErrorCode() + ")");
        }
    }

    @Override
    public String describe() {
        return "serial " + port.getSystemPortPath();
    }

    @Override
    public void close() {
        closed = true;
        port.closePort();
    }
}
