package io.rollcoach.gateway.gpio;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One roller wired to the Pi's header: a force sensor, a rotation sensor, an optional button, the sampling rate, the
 * roller's radius and a name. Checked once here; messages name the key (relative to the {@code gpio:} entry, or with
 * the full path when read by {@link #fromMap}), the rule and the value found. GPIO pins are BCM numbers.
 */
public record GpioInputConfig(String name, ForceConfig force, RotationConfig rotation, ButtonConfig button,
                              int rateHz, double radiusMm) {
    /** The ADS1115's full-scale ranges (PGA settings), volts, in the order of its PGA codes 0..5. */
    static final double[] ADS1115_GAINS = {6.144, 4.096, 2.048, 1.024, 0.512, 0.256};
    /** The ADS1115's data rates, samples a second, in the order of its DR codes 0..7. */
    static final int[] ADS1115_RATES = {8, 16, 32, 64, 128, 250, 475, 860};
    /** The I2C bus 1 pins (GPIO2 SDA, GPIO3 SCL): not free for buttons or encoders while I2C is in use. */
    private static final Set<Integer> I2C1_PINS = Set.of(2, 3);

    public enum ForceType { ADS1115, HX711 }

    public enum RotationType { AS5600, QUADRATURE }

    public GpioInputConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must be set (it names the roller in feedback and logs)");
        }
        Objects.requireNonNull(force, "force must be set (type ads1115 or hx711)");
        Objects.requireNonNull(rotation, "rotation must be set (type as5600 or quadrature)");
        if (rateHz < 1 || rateHz > 1000) {
            throw new IllegalArgumentException("rateHz must be 1..1000, was " + rateHz);
        }
        if (!(radiusMm >= 10 && radiusMm <= 500)) {
            throw new IllegalArgumentException("radiusMm must be 10..500 (the roller's radius, not diameter), was "
                + radiusMm);
        }
        if (force.type() == ForceType.ADS1115 && force.dataRate() < rateHz) {
            throw new IllegalArgumentException("force.dataRate must be at least rateHz (" + rateHz
                + ") or samples repeat, was " + force.dataRate());
        }
        Set<Integer> pins = new HashSet<>();
        boolean i2c1 = (force.type() == ForceType.ADS1115 && force.bus() == 1)
            || (rotation.type() == RotationType.AS5600 && rotation.bus() == 1);
        if (force.type() == ForceType.HX711) {
            claim(pins, force.clockPin(), "force.clockPin", i2c1);
            claim(pins, force.dataPin(), "force.dataPin", i2c1);
        }
        if (rotation.type() == RotationType.QUADRATURE) {
            claim(pins, rotation.pinA(), "rotation.pinA", i2c1);
            claim(pins, rotation.pinB(), "rotation.pinB", i2c1);
        }
        if (button != null) {
            claim(pins, button.pin(), "button.pin", i2c1);
        }
    }

    private static void claim(Set<Integer> pins, int pin, String key, boolean i2c1) {
        if (!pins.add(pin)) {
            throw new IllegalArgumentException(key + " must be a pin of its own, was " + pin
                + ", already used by another signal");
        }
        if (i2c1 && I2C1_PINS.contains(pin)) {
            throw new IllegalArgumentException(key + " must not be GPIO2 or GPIO3 (I2C bus 1 SDA/SCL is in use), was "
                + pin);
        }
    }

    /** The HELLO radius: 0.1 mm units. */
    public int radiusTenthMm() {
        return (int) Math.round(radiusMm * 10);
    }

    /** Force sensor: ADS1115 fields (bus..dataRate) or HX711 fields (clockPin..sps), and the calibration. */
    public record ForceConfig(ForceType type, int bus, int address, int channel, boolean differential,
                              double gainVolts, int dataRate, int clockPin, int dataPin, int sps,
                              double offset, double scale) {
        public ForceConfig {
            Objects.requireNonNull(type, "force.type must be ads1115 or hx711");
            if (type == ForceType.ADS1115) {
                checkBus(bus, "force.bus");
                if (address < 0x48 || address > 0x4B) {
                    throw new IllegalArgumentException("force.address must be 0x48..0x4B (ADDR to GND, VDD, SDA, SCL), "
                        + "was 0x" + Integer.toHexString(address));
                }
                if (differential ? channel != 0 && channel != 2 : channel < 0 || channel > 3) {
                    throw new IllegalArgumentException("force.channel must be " + (differential
                        ? "0 (AIN0-AIN1) or 2 (AIN2-AIN3) when differential" : "0..3") + ", was " + channel);
                }
                gainCode(gainVolts);
                rateCode(dataRate);
            } else {
                checkPin(clockPin, "force.clockPin");
                checkPin(dataPin, "force.dataPin");
                if (sps != 10 && sps != 80) {
                    throw new IllegalArgumentException("force.sps must be 10 or 80 (the HX711's RATE pin), was " + sps);
                }
            }
            if (!Double.isFinite(offset)) {
                throw new IllegalArgumentException("force.offset must be a number, was " + offset);
            }
            if (!Double.isFinite(scale) || scale == 0) {
                throw new IllegalArgumentException("force.scale must be a non-zero number (newtons per count), was "
                    + scale);
            }
        }

        public static ForceConfig ads1115(int bus, int address, int channel, boolean differential, double gainVolts,
                                          int dataRate, double offset, double scale) {
            return new ForceConfig(ForceType.ADS1115, bus, address, channel, differential, gainVolts, dataRate,
                0, 0, 0, offset, scale);
        }

        public static ForceConfig hx711(int clockPin, int dataPin, int sps, double offset, double scale) {
            return new ForceConfig(ForceType.HX711, 0, 0, 0, false, 0, 0, clockPin, dataPin, sps, offset, scale);
        }

        public ForceConfig withCalibration(double newOffset, double newScale) {
            return new ForceConfig(type, bus, address, channel, differential, gainVolts, dataRate, clockPin, dataPin,
                sps, newOffset, newScale);
        }

        static int gainCode(double gainVolts) {
            for (int i = 0; i < ADS1115_GAINS.length; i++) {
                if (Math.abs(ADS1115_GAINS[i] - gainVolts) < 1e-6) {
                    return i;
                }
            }
            throw new IllegalArgumentException("force.gain must be one of 6.144, 4.096, 2.048, 1.024, 0.512, 0.256 "
                + "(full-scale volts), was " + gainVolts);
        }

        static int rateCode(int dataRate) {
            for (int i = 0; i < ADS1115_RATES.length; i++) {
                if (ADS1115_RATES[i] == dataRate) {
                    return i;
                }
            }
            throw new IllegalArgumentException("force.dataRate must be one of 8, 16, 32, 64, 128, 250, 475, 860, was "
                + dataRate);
        }
    }

    /** Rotation sensor: AS5600 on I2C, or a quadrature encoder on two pins ({@code countsPerRev} counts all 4 edges). */
    public record RotationConfig(RotationType type, int bus, int address, int pinA, int pinB, int countsPerRev,
                                 boolean pullUp, boolean reverse) {
        public RotationConfig {
            Objects.requireNonNull(type, "rotation.type must be as5600 or quadrature");
            if (type == RotationType.AS5600) {
                checkBus(bus, "rotation.bus");
                if (address != 0x36) {
                    throw new IllegalArgumentException("rotation.address must be 0x36 (the AS5600's fixed address), "
                        + "was 0x" + Integer.toHexString(address));
                }
            } else {
                checkPin(pinA, "rotation.pinA");
                checkPin(pinB, "rotation.pinB");
                if (pinA == pinB) {
                    throw new IllegalArgumentException("rotation.pinB must differ from rotation.pinA, was " + pinB);
                }
                if (countsPerRev < 4 || countsPerRev > 100_000) {
                    throw new IllegalArgumentException("rotation.countsPerRev must be 4..100000 (4 x the encoder's "
                        + "pulses per revolution), was " + countsPerRev);
                }
            }
        }

        public static RotationConfig as5600(int bus, boolean reverse) {
            return new RotationConfig(RotationType.AS5600, bus, 0x36, 0, 0, 0, false, reverse);
        }

        public static RotationConfig quadrature(int pinA, int pinB, int countsPerRev, boolean pullUp, boolean reverse) {
            return new RotationConfig(RotationType.QUADRATURE, 0, 0, pinA, pinB, countsPerRev, pullUp, reverse);
        }
    }

    /** The push button: one pin; with {@code pullUp} the button connects the pin to GND (pressed reads low). */
    public record ButtonConfig(int pin, boolean pullUp) {
        public ButtonConfig {
            checkPin(pin, "button.pin");
        }
    }

    private static void checkBus(int bus, String key) {
        if (bus < 0 || bus > 22) {
            throw new IllegalArgumentException(key + " must be an I2C bus number 0..22 (1 on the header), was " + bus);
        }
    }

    private static void checkPin(int pin, String key) {
        if (pin < 0 || pin > 27) {
            throw new IllegalArgumentException(key + " must be a BCM GPIO number 0..27 (not a header pin number), was "
                + pin);
        }
    }

    /**
     * Reads the map under an {@code inputs: - gpio:} entry, e.g. {@code {force: {type: ads1115, bus: 1, address: 0x48,
     * channel: 0, gain: 4.096, dataRate: 250, offset: 0, scale: 1.0}, rotation: {type: as5600}, button: {pin: 17},
     * rateHz: 100, radiusMm: 75, name: maker-roller}}.
     *
     * @param where the path of that map as the person typed it, e.g. {@code inputs[0].gpio}, prefixed to every error
     * @throws IllegalArgumentException naming the key, the rule and the value found
     */
    public static GpioInputConfig fromMap(Map<String, Object> node, String where) {
        MapReader gpio = new MapReader(node, where);
        gpio.onlyKeys(List.of("name", "force", "rotation", "button", "rateHz", "radiusMm"));
        String name = gpio.string("name", "gpio-roller");
        ForceConfig force = force(gpio.map("force"), where);
        RotationConfig rotation = rotation(gpio.map("rotation"), where);
        ButtonConfig button = null;
        if (gpio.has("button")) {
            MapReader b = gpio.map("button");
            b.onlyKeys(List.of("pin", "pullUp"));
            button = wrap(where, () -> new ButtonConfig(b.requiredInteger("pin", "the button's BCM GPIO number"),
                b.bool("pullUp", true)));
        }
        int rateHz = gpio.integer("rateHz", 100);
        double radiusMm = gpio.requiredNumber("radiusMm", "the roller's radius in millimetres");
        ButtonConfig finalButton = button;
        return wrap(where, () -> new GpioInputConfig(name, force, rotation, finalButton, rateHz, radiusMm));
    }

    private static ForceConfig force(MapReader f, String where) {
        String type = f.requiredString("type", "ads1115 or hx711").toLowerCase(Locale.ROOT);
        double offset = f.number("offset", 0);
        double scale = f.number("scale", 1.0);
        switch (type) {
            case "ads1115" -> {
                f.onlyKeys(List.of("type", "bus", "address", "channel", "differential", "gain", "dataRate", "offset",
                    "scale"));
                return wrap(where, () -> ForceConfig.ads1115(f.integer("bus", 1), f.integer("address", 0x48),
                    f.integer("channel", 0), f.bool("differential", false), f.number("gain", 4.096),
                    f.integer("dataRate", 250), offset, scale));
            }
            case "hx711" -> {
                f.onlyKeys(List.of("type", "clockPin", "dataPin", "sps", "offset", "scale"));
                return wrap(where, () -> ForceConfig.hx711(
                    f.requiredInteger("clockPin", "the BCM GPIO wired to the HX711's SCK"),
                    f.requiredInteger("dataPin", "the BCM GPIO wired to the HX711's DT"),
                    f.integer("sps", 80), offset, scale));
            }
            default -> throw new IllegalArgumentException(f.key("type") + " must be ads1115 or hx711, was '" + type
                + "'");
        }
    }

    private static RotationConfig rotation(MapReader r, String where) {
        String type = r.requiredString("type", "as5600 or quadrature").toLowerCase(Locale.ROOT);
        boolean reverse = r.bool("reverse", false);
        switch (type) {
            case "as5600" -> {
                r.onlyKeys(List.of("type", "bus", "address", "reverse"));
                return wrap(where, () -> {
                    RotationConfig c = RotationConfig.as5600(r.integer("bus", 1), reverse);
                    int address = r.integer("address", 0x36);
                    return new RotationConfig(c.type(), c.bus(), address, 0, 0, 0, false, reverse);
                });
            }
            case "quadrature" -> {
                r.onlyKeys(List.of("type", "pinA", "pinB", "countsPerRev", "pullUp", "reverse"));
                return wrap(where, () -> RotationConfig.quadrature(
                    r.requiredInteger("pinA", "the BCM GPIO wired to the encoder's A"),
                    r.requiredInteger("pinB", "the BCM GPIO wired to the encoder's B"),
                    r.requiredInteger("countsPerRev", "4 x the encoder's pulses per revolution"),
                    r.bool("pullUp", true), reverse));
            }
            default -> throw new IllegalArgumentException(r.key("type") + " must be as5600 or quadrature, was '" + type
                + "'");
        }
    }

    /** Record checks name keys relative to the gpio entry; prefix the path so the message names the key as typed. */
    private static <T> T wrap(String where, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            if (message != null && message.startsWith(where)) {
                throw e;
            }
            throw new IllegalArgumentException(where + "." + message, e);
        } catch (NullPointerException e) {
            throw new IllegalArgumentException(where + "." + e.getMessage(), e);
        }
    }
}
