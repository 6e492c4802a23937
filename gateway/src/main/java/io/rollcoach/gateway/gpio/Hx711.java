package io.rollcoach.gateway.gpio;

import java.util.function.LongSupplier;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;

/**
 * An Avia HX711 24-bit load-cell ADC on two GPIOs: clock (PD_SCK, out) and data (DOUT, in), bit-banged. It converts
 * at 10 or 80 samples a second (its RATE pin), so most sampler polls find no new conversion and return the last one;
 * no conversion for several periods means the chip is silent. Sampler thread only.
 */
final class Hx711 implements ForceSensor {
    /** Extra clock pulses after the 24 data bits choose the next conversion: 1 = channel A gain 128. */
    static final int GAIN_PULSES_A128 = 1;
    private final DigitalOutput clock;
    private final DigitalInput data;
    private final double offset;
    private final double scale;
    private final long staleAfterNanos;
    private final LongSupplier nanoClock;
    private final String description;
    private long lastRaw;
    private long lastConversionNanos;
    private boolean haveConversion;

    Hx711(DigitalOutput clock, DigitalInput data, int sps, double offset, double scale, LongSupplier nanoClock) {
        this.clock = clock;
        this.data = data;
        this.offset = offset;
        this.scale = scale;
        this.nanoClock = nanoClock;
        // Five conversion periods, at least half a second: a busy bus can delay one conversion, not five.
        this.staleAfterNanos = Math.max(500_000_000L, 5_000_000_000L / sps);
        this.description = "HX711 on GPIO" + clock.address() + " (SCK) / GPIO" + data.address() + " (DT), " + sps
            + " SPS";
        this.lastConversionNanos = nanoClock.getAsLong();
    }

    @Override
    public long readRaw() {
        long now = nanoClock.getAsLong();
        if (data.isHigh()) {
            // DOUT high: no conversion ready yet.
            if (now - lastConversionNanos > staleAfterNanos) {
                throw new SensorException(description + ": no conversion for "
                    + (now - lastConversionNanos) / 1_000_000 + " ms (DT stays high)");
            }
            if (!haveConversion) {
                throw new SensorException(description + ": no conversion yet");
            }
            return lastRaw;
        }
        int value = 0;
        // Each rising edge shifts the next bit out, MSB first; keep SCK high well under 60 µs or the chip powers down.
        for (int i = 0; i < 24; i++) {
            clock.high();
            value = value << 1 | (data.isHigh() ? 1 : 0);
            clock.low();
        }
        for (int i = 0; i < GAIN_PULSES_A128; i++) {
            clock.high();
            clock.low();
        }
        lastRaw = value << 8 >> 8; // two's complement, 24 bits
        lastConversionNanos = now;
        haveConversion = true;
        return lastRaw;
    }

    @Override
    public double toNewtons(long raw) {
        return (raw - offset) * scale;
    }

    @Override
    public String describe() {
        return description;
    }

    // close(): nothing of our own; the pins are released when their Pi4J context shuts down.
}
