package io.rollcoach.gateway.gpio;

import com.pi4j.io.i2c.I2C;

/**
 * Register reads and writes on one I2C device, with the Pi4J 2.8.0 linuxfs quirk worked around. Used by one thread;
 * reuses its buffers.
 */
final class RegisterBus implements AutoCloseable {
    private final I2C i2c;
    private final String where;
    /**
     * Pi4J 2.8.0's linuxfs provider reads {@code readRegister} from the wrong offset (fixed in 3.0.x), so on linuxfs we
     * set the register pointer with a plain write and then read, which is what the AS5600 and ADS1115 expect on the
     * wire anyway. Other providers (the mock keeps a FIFO per register) use their register calls.
     */
    private final boolean writeThenRead;
    private final byte[] out = new byte[3];

    RegisterBus(I2C i2c) {
        this.i2c = i2c;
        this.where = String.format("I2C bus %d at 0x%02X", i2c.bus(), i2c.device());
        this.writeThenRead = i2c.provider() != null && i2c.provider().id().startsWith("linuxfs");
    }

    String where() {
        return where;
    }

    /** Writes a 16-bit register, most significant byte first. */
    void write16(int register, int value) {
        try {
            int written;
            if (writeThenRead) {
                out[0] = (byte) register;
                out[1] = (byte) (value >>> 8);
                out[2] = (byte) value;
                written = i2c.write(out, 0, 3) - 1;
            } else {
                out[0] = (byte) (value >>> 8);
                out[1] = (byte) value;
                written = i2c.writeRegister(register, out, 0, 2);
            }
            if (written < 2) {
                throw new SensorException("writing register 0x" + Integer.toHexString(register) + " on " + where
                    + " was not acknowledged");
            }
        } catch (SensorException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SensorException("writing register 0x" + Integer.toHexString(register) + " on " + where
                + " failed: " + e.getMessage(), e);
        }
    }

    /** Reads {@code length} bytes starting at {@code register} into {@code dst}; all of them or a SensorException. */
    void read(int register, byte[] dst, int length) {
        int read;
        try {
            if (writeThenRead) {
                i2c.write((byte) register);
                read = i2c.read(dst, 0, length);
            } else {
                read = i2c.readRegister(register, dst, 0, length);
            }
        } catch (RuntimeException e) {
            throw new SensorException("reading register 0x" + Integer.toHexString(register) + " on " + where
                + " failed: " + e.getMessage(), e);
        }
        if (read != length) {
            throw new SensorException("reading register 0x" + Integer.toHexString(register) + " on " + where
                + " returned " + Math.max(read, 0) + " of " + length + " bytes");
        }
    }

    @Override
    public void close() {
        i2c.close();
    }
}
