package io.rollcoach.gateway.gpio;

import io.rollcoach.gateway.config.GpioInputConfig.ForceConfig;

/**
 * A TI ADS1115 16-bit ADC on I2C reading a load cell's amplified bridge. Runs in continuous-conversion mode: the
 * config register is written once at open, then every read is the latest conversion register. Sampler thread only.
 */
final class Ads1115 implements ForceSensor {
    static final int REG_CONVERSION = 0x00;
    static final int REG_CONFIG = 0x01;
    private final RegisterBus bus;
    private final double offset;
    private final double scale;
    private final String description;
    private final int configWord;
    private final byte[] conversion = new byte[2];
    private boolean configured;

    Ads1115(RegisterBus bus, ForceConfig config) {
        this.bus = bus;
        this.offset = config.offset();
        this.scale = config.scale();
        this.configWord = configWord(config);
        this.description = "ADS1115 on " + bus.where() + (config.differential()
            ? ", AIN" + config.channel() + "-AIN" + (config.channel() + 1) : ", channel AIN" + config.channel());
    }

    /**
     * OS=1; MUX single-ended 100+channel (AINx to GND) or differential 000 (AIN0-AIN1) / 011 (AIN2-AIN3); PGA from
     * the full-scale volts; MODE=0 continuous; DR from the data rate; comparator off (COMP_QUE=11).
     */
    static int configWord(ForceConfig config) {
        int mux = config.differential() ? (config.channel() == 0 ? 0b000 : 0b011) : 0b100 | config.channel();
        return 1 << 15 | mux << 12 | ForceConfig.gainCode(config.gainVolts()) << 9 | 0 << 8
            | ForceConfig.rateCode(config.dataRate()) << 5 | 0b00011;
    }

    @Override
    public long readRaw() {
        if (!configured) {
            // Also after a silence: the chip may have lost power and come back in its default single-shot mode.
            bus.write16(REG_CONFIG, configWord);
            configured = true;
        }
        try {
            bus.read(REG_CONVERSION, conversion, 2);
        } catch (SensorException e) {
            configured = false;
            throw e;
        }
        return (short) ((conversion[0] & 0xFF) << 8 | (conversion[1] & 0xFF)); // signed, big-endian
    }

    @Override
    public double toNewtons(long raw) {
        return (raw - offset) * scale;
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
