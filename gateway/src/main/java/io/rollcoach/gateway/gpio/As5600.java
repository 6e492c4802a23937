package io.rollcoach.gateway.gpio;

/**
 * An ams AS5600 magnetic angle sensor on I2C (fixed address 0x36) facing a magnet on the roller's axle. Its 12-bit
 * raw angle wraps every turn; this unwraps it into a cumulative angle. Sampler thread only.
 */
final class As5600 implements AngleSensor {
    static final int REG_RAW_ANGLE = 0x0C; // high nibble; 0x0D holds the low byte, read together
    static final int COUNTS = 4096;
    private static final double RADIANS_PER_COUNT = 2 * Math.PI / COUNTS;
    private final RegisterBus bus;
    private final double sign;
    private final String description;
    private final byte[] raw = new byte[2];
    private boolean started;
    private boolean based;
    private int lastCount;
    private long cumulativeCounts;

    As5600(RegisterBus bus, boolean reverse) {
        this.bus = bus;
        this.sign = reverse ? -1 : 1;
        this.description = "AS5600 on " + bus.where();
    }

    @Override
    public double readRadians() {
        try {
            bus.read(REG_RAW_ANGLE, raw, 2);
        } catch (SensorException e) {
            // The roller may turn any amount while we cannot see it: start unwrapping afresh when it answers.
            based = false;
            throw e;
        }
        int count = (raw[0] & 0x0F) << 8 | (raw[1] & 0xFF);
        if (!based) {
            based = true;
            if (!started) {
                started = true;
                cumulativeCounts = count; // the first turn starts where the magnet points
            }
        } else {
            // Between two samples the roller turns far less than half a turn, so the shorter way round is the true one:
            // 4095 -> 2 is +3 counts, 2 -> 4095 is -3.
            int delta = count - lastCount;
            if (delta > COUNTS / 2) {
                delta -= COUNTS;
            } else if (delta < -COUNTS / 2) {
                delta += COUNTS;
            }
            cumulativeCounts += delta;
        }
        lastCount = count;
        return sign * cumulativeCounts * RADIANS_PER_COUNT;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        bus.close();
    }
}
