package io.rollcoach.gateway.config;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One roller wired to the Pi's header ({@code - gpio: {...}}): a force sensor, a rotation sensor, an optional button,
 * the sampling rate, the roller's radius and a name. Read once from the config file by {@link #read} and used as it is
 * at start. Each rule is written once, in a static check that names the key it is given; the records run them as
 * their invariants (keys relative to the {@code gpio:} entry), the reader with the key as typed. GPIO pins are BCM
 * numbers.
 *
 * @param name      the roller's name in logs and health, and what its device id is made from
 * @param topicName the entry's {@code name}: the {@code <id>} in topics; null: the device id
 */
public record GpioInputConfig(String name, ForceConfig force, RotationConfig rotation, ButtonConfig button,
                              int rateHz, double radiusMm, String topicName, String where) implements InputConfig {
    public static final String DEFAULT_NAME = "gpio-roller";
    public static final int DEFAULT_RATE_HZ = 100;
    /** The ADS1115's full-scale ranges (PGA settings), volts, in the order of its PGA codes 0..5. */
    static final double[] ADS1115_GAINS = {6.144, 4.096, 2.048, 1.024, 0.512, 0.256};
    /** The ADS1115's data rates, samples a second, in the order of its DR codes 0..7. */
    static final int[] ADS1115_RATES = {8, 16, 32, 64, 128, 250, 475, 860};
    /** The I2C bus 1 pins (GPIO2 SDA, GPIO3 SCL): not free for buttons or encoders while I2C is in use. */
    private static final Set<Integer> I2C1_PINS = Set.of(2, 3);
    private static final List<String> KEYS = List.of("name", "force", "rotation", "button", "rateHz", "radiusMm");
    private static final List<String> ADS1115_KEYS = List.of("type", "bus", "address", "channel", "differential",
        "gain", "dataRate", "offset", "scale");
    private static final List<String> HX711_KEYS = List.of("type", "clockPin", "dataPin", "sps", "offset", "scale");
    private static final List<String> AS5600_KEYS = List.of("type", "bus", "address", "reverse");
    private static final List<String> QUADRATURE_KEYS = List.of("type", "pinA", "pinB", "countsPerRev", "pullUp",
        "reverse");
    private static final List<String> BUTTON_KEYS = List.of("pin", "pullUp");

    public enum ForceType { ADS1115, HX711 }

    public enum RotationType { AS5600, QUADRATURE }

    public GpioInputConfig {
        checkName("name", name);
        Objects.requireNonNull(force, "force must be set (type ads1115 or hx711)");
        Objects.requireNonNull(rotation, "rotation must be set (type as5600 or quadrature)");
        checkRateHz("rateHz", rateHz);
        checkRadiusMm("radiusMm", radiusMm);
        InputConfig.checkTopicName("name", topicName);
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

    /** Built in code (tests, tools): no topic name, configured nowhere in particular. */
    public GpioInputConfig(String name, ForceConfig force, RotationConfig rotation, ButtonConfig button, int rateHz,
                           double radiusMm) {
        this(name, force, rotation, button, rateHz, radiusMm, null, "gpio");
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

    public static void checkName(String key, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(key + " must be set (it names the roller in feedback and logs)");
        }
    }

    public static void checkRateHz(String key, int rateHz) {
        if (rateHz < 1 || rateHz > 1000) {
            throw new IllegalArgumentException(key + " must be 1..1000, was " + rateHz);
        }
    }

    public static void checkRadiusMm(String key, double radiusMm) {
        if (!(radiusMm >= 10 && radiusMm <= 500)) {
            throw new IllegalArgumentException(key + " must be 10..500 (the roller's radius, not diameter), was "
                + radiusMm);
        }
    }

    /** Force sensor: ADS1115 fields (bus..dataRate) or HX711 fields (clockPin..sps), and the calibration. */
    public record ForceConfig(ForceType type, int bus, int address, int channel, boolean differential,
                              double gainVolts, int dataRate, int clockPin, int dataPin, int sps,
                              double offset, double scale) {
        public ForceConfig {
            Objects.requireNonNull(type, "force.type must be ads1115 or hx711");
            if (type == ForceType.ADS1115) {
                checkBus("force.bus", bus);
                checkAds1115Address("force.address", address);
                checkChannel("force.channel", channel, differential);
                gainCode("force.gain", gainVolts);
                rateCode("force.dataRate", dataRate);
            } else {
                checkPin("force.clockPin", clockPin);
                checkPin("force.dataPin", dataPin);
                checkSps("force.sps", sps);
            }
            checkOffset("force.offset", offset);
            checkScale("force.scale", scale);
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

        /** The ADS1115's PGA code of a full-scale range. */
        public static int gainCode(double gainVolts) {
            return gainCode("force.gain", gainVolts);
        }

        /** The ADS1115's DR code of a data rate. */
        public static int rateCode(int dataRate) {
            return rateCode("force.dataRate", dataRate);
        }

        static int gainCode(String key, double gainVolts) {
            for (int i = 0; i < ADS1115_GAINS.length; i++) {
                if (Math.abs(ADS1115_GAINS[i] - gainVolts) < 1e-6) {
                    return i;
                }
            }
            throw new IllegalArgumentException(key + " must be one of 6.144, 4.096, 2.048, 1.024, 0.512, 0.256 "
                + "(full-scale volts), was " + gainVolts);
        }

        static int rateCode(String key, int dataRate) {
            for (int i = 0; i < ADS1115_RATES.length; i++) {
                if (ADS1115_RATES[i] == dataRate) {
                    return i;
                }
            }
            throw new IllegalArgumentException(key + " must be one of 8, 16, 32, 64, 128, 250, 475, 860, was "
                + dataRate);
        }

        static void checkAds1115Address(String key, int address) {
            if (address < 0x48 || address > 0x4B) {
                throw new IllegalArgumentException(key + " must be 0x48..0x4B (ADDR to GND, VDD, SDA, SCL), was 0x"
                    + Integer.toHexString(address));
            }
        }

        static void checkChannel(String key, int channel, boolean differential) {
            if (differential ? channel != 0 && channel != 2 : channel < 0 || channel > 3) {
                throw new IllegalArgumentException(key + " must be " + (differential
                    ? "0 (AIN0-AIN1) or 2 (AIN2-AIN3) when differential" : "0..3") + ", was " + channel);
            }
        }

        static void checkSps(String key, int sps) {
            if (sps != 10 && sps != 80) {
                throw new IllegalArgumentException(key + " must be 10 or 80 (the HX711's RATE pin), was " + sps);
            }
        }

        static void checkOffset(String key, double offset) {
            if (!Double.isFinite(offset)) {
                throw new IllegalArgumentException(key + " must be a number, was " + offset);
            }
        }

        static void checkScale(String key, double scale) {
            if (!Double.isFinite(scale) || scale == 0) {
                throw new IllegalArgumentException(key + " must be a non-zero number (newtons per count), was "
                    + scale);
            }
        }
    }

    /**
     * Rotation sensor: AS5600 on I2C, or a quadrature encoder on two pins ({@code countsPerRev} counts all 4 edges).
     */
    public record RotationConfig(RotationType type, int bus, int address, int pinA, int pinB, int countsPerRev,
                                 boolean pullUp, boolean reverse) {
        public RotationConfig {
            Objects.requireNonNull(type, "rotation.type must be as5600 or quadrature");
            if (type == RotationType.AS5600) {
                checkBus("rotation.bus", bus);
                checkAs5600Address("rotation.address", address);
            } else {
                checkPin("rotation.pinA", pinA);
                checkPin("rotation.pinB", pinB);
                if (pinA == pinB) {
                    throw new IllegalArgumentException("rotation.pinB must differ from rotation.pinA, was " + pinB);
                }
                checkCountsPerRev("rotation.countsPerRev", countsPerRev);
            }
        }

        public static RotationConfig as5600(int bus, boolean reverse) {
            return new RotationConfig(RotationType.AS5600, bus, 0x36, 0, 0, 0, false, reverse);
        }

        public static RotationConfig quadrature(int pinA, int pinB, int countsPerRev, boolean pullUp, boolean reverse) {
            return new RotationConfig(RotationType.QUADRATURE, 0, 0, pinA, pinB, countsPerRev, pullUp, reverse);
        }

        static void checkAs5600Address(String key, int address) {
            if (address != 0x36) {
                throw new IllegalArgumentException(key + " must be 0x36 (the AS5600's fixed address), was 0x"
                    + Integer.toHexString(address));
            }
        }

        static void checkCountsPerRev(String key, int countsPerRev) {
            if (countsPerRev < 4 || countsPerRev > 100_000) {
                throw new IllegalArgumentException(key + " must be 4..100000 (4 x the encoder's pulses per "
                    + "revolution), was " + countsPerRev);
            }
        }
    }

    /** The push button: one pin; with {@code pullUp} the button connects the pin to GND (pressed reads low). */
    public record ButtonConfig(int pin, boolean pullUp) {
        public ButtonConfig {
            checkPin("button.pin", pin);
        }
    }

    static void checkBus(String key, int bus) {
        if (bus < 0 || bus > 22) {
            throw new IllegalArgumentException(key + " must be an I2C bus number 0..22 (1 on the header), was " + bus);
        }
    }

    static void checkPin(String key, int pin) {
        if (pin < 0 || pin > 27) {
            throw new IllegalArgumentException(key + " must be a BCM GPIO number 0..27 (not a header pin number), was "
                + pin);
        }
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads the mapping under an {@code inputs: - gpio:} entry, e.g. {@code {force: {type: ads1115, bus: 1, address:
     * 0x48, channel: 0, gain: 4.096, dataRate: 250, offset: 0, scale: 1.0}, rotation: {type: as5600}, button: {pin:
     * 17}, rateHz: 100, radiusMm: 75, name: maker-roller}}, every problem into {@code reader}.
     *
     * @param topicName the entry's {@code name}, also the roller's name when the mapping gives none
     * @return null when there was a problem
     */
    static GpioInputConfig read(ConfigReader reader, ConfigReader.Node gpio, String topicName, String where) {
        int before = reader.problemCount();
        if (gpio.isAbsent() || !gpio.json().isObject()) {
            reader.problem(gpio.path(), "must be a mapping of sensors (see docs/wiring.md)");
            return null;
        }
        gpio.mapping(KEYS);
        String name = gpio.text("name", topicName != null ? topicName : DEFAULT_NAME);
        reader.check(gpio.key("name"), key -> checkName(key, name));
        ForceConfig force = force(reader, gpio.get("force"));
        RotationConfig rotation = rotation(reader, gpio.get("rotation"));
        ButtonConfig button = gpio.has("button") ? button(reader, gpio.get("button")) : null;
        int rateHz = gpio.integer("rateHz", DEFAULT_RATE_HZ);
        reader.check(gpio.key("rateHz"), key -> checkRateHz(key, rateHz));
        double radiusMm = 0;
        if (!gpio.has("radiusMm")) {
            reader.problem(gpio.key("radiusMm"), "must be set (the roller's radius in millimetres)");
        } else {
            double radius = gpio.number("radiusMm", 0);
            reader.check(gpio.key("radiusMm"), key -> checkRadiusMm(key, radius));
            radiusMm = radius;
        }
        double finalRadiusMm = radiusMm;
        return reader.build(before, gpio.path(), () -> new GpioInputConfig(name, force, rotation, button, rateHz,
            finalRadiusMm, topicName, where));
    }

    private static String type(ConfigReader reader, ConfigReader.Node part, String kinds) {
        if (part.isAbsent() || !part.json().isObject()) {
            reader.problem(part.path(), "must be a mapping with type " + kinds);
            return null;
        }
        if (!part.has("type")) {
            reader.problem(part.key("type"), "must be set (" + kinds + ")");
            return null;
        }
        String type = part.text("type", null);
        return type == null ? null : type.trim().toLowerCase(Locale.ROOT);
    }

    private static ForceConfig force(ConfigReader reader, ConfigReader.Node f) {
        int before = reader.problemCount();
        String type = type(reader, f, "ads1115 or hx711");
        if (type == null) {
            return null;
        }
        double offset = f.number("offset", 0);
        double scale = f.number("scale", 1.0);
        reader.check(f.key("offset"), key -> ForceConfig.checkOffset(key, offset));
        reader.check(f.key("scale"), key -> ForceConfig.checkScale(key, scale));
        switch (type) {
            case "ads1115" -> {
                f.mapping(ADS1115_KEYS);
                int bus = f.integer("bus", 1);
                int address = f.integer("address", 0x48);
                int channel = f.integer("channel", 0);
                boolean differential = f.bool("differential", false);
                double gain = f.number("gain", 4.096);
                int dataRate = f.integer("dataRate", 250);
                reader.check(f.key("bus"), key -> checkBus(key, bus));
                reader.check(f.key("address"), key -> ForceConfig.checkAds1115Address(key, address));
                reader.check(f.key("channel"), key -> ForceConfig.checkChannel(key, channel, differential));
                reader.check(f.key("gain"), key -> ForceConfig.gainCode(key, gain));
                reader.check(f.key("dataRate"), key -> ForceConfig.rateCode(key, dataRate));
                return reader.build(before, f.path(), () -> ForceConfig.ads1115(bus, address, channel, differential,
                    gain, dataRate, offset, scale));
            }
            case "hx711" -> {
                f.mapping(HX711_KEYS);
                Integer clockPin = f.requiredInteger("clockPin", "the BCM GPIO wired to the HX711's SCK");
                Integer dataPin = f.requiredInteger("dataPin", "the BCM GPIO wired to the HX711's DT");
                int sps = f.integer("sps", 80);
                checkPin(reader, f, "clockPin", clockPin);
                checkPin(reader, f, "dataPin", dataPin);
                reader.check(f.key("sps"), key -> ForceConfig.checkSps(key, sps));
                return reader.build(before, f.path(), () -> ForceConfig.hx711(clockPin, dataPin, sps, offset, scale));
            }
            default -> {
                reader.problem(f.key("type"), "must be ads1115 or hx711, was '" + type + "'");
                return null;
            }
        }
    }

    private static RotationConfig rotation(ConfigReader reader, ConfigReader.Node r) {
        int before = reader.problemCount();
        String type = type(reader, r, "as5600 or quadrature");
        if (type == null) {
            return null;
        }
        boolean reverse = r.bool("reverse", false);
        switch (type) {
            case "as5600" -> {
                r.mapping(AS5600_KEYS);
                int bus = r.integer("bus", 1);
                int address = r.integer("address", 0x36);
                reader.check(r.key("bus"), key -> checkBus(key, bus));
                reader.check(r.key("address"), key -> RotationConfig.checkAs5600Address(key, address));
                return reader.build(before, r.path(), () -> new RotationConfig(RotationType.AS5600, bus, address, 0, 0,
                    0, false, reverse));
            }
            case "quadrature" -> {
                r.mapping(QUADRATURE_KEYS);
                Integer pinA = r.requiredInteger("pinA", "the BCM GPIO wired to the encoder's A");
                Integer pinB = r.requiredInteger("pinB", "the BCM GPIO wired to the encoder's B");
                Integer counts = r.requiredInteger("countsPerRev", "4 x the encoder's pulses per revolution");
                boolean pullUp = r.bool("pullUp", true);
                checkPin(reader, r, "pinA", pinA);
                checkPin(reader, r, "pinB", pinB);
                if (counts != null) {
                    reader.check(r.key("countsPerRev"), key -> RotationConfig.checkCountsPerRev(key, counts));
                }
                return reader.build(before, r.path(), () -> RotationConfig.quadrature(pinA, pinB, counts, pullUp,
                    reverse));
            }
            default -> {
                reader.problem(r.key("type"), "must be as5600 or quadrature, was '" + type + "'");
                return null;
            }
        }
    }

    private static ButtonConfig button(ConfigReader reader, ConfigReader.Node b) {
        int before = reader.problemCount();
        if (!b.json().isObject()) {
            reader.problem(b.path(), "must be a mapping with the button's pin, e.g. {pin: 17}");
            return null;
        }
        b.mapping(BUTTON_KEYS);
        Integer pin = b.requiredInteger("pin", "the button's BCM GPIO number");
        boolean pullUp = b.bool("pullUp", true);
        checkPin(reader, b, "pin", pin);
        return reader.build(before, b.path(), () -> new ButtonConfig(pin, pullUp));
    }

    private static void checkPin(ConfigReader reader, ConfigReader.Node part, String name, Integer pin) {
        if (pin != null) {
            reader.check(part.key(name), key -> checkPin(key, pin));
        }
    }

    /**
     * Reads a {@code gpio:} mapping taken out of a config file as plain maps (what {@code rollcoach calibrate} edits),
     * through the same reader as the config file.
     *
     * @param where the mapping's path as typed, e.g. {@code inputs[0].gpio}, which every problem names
     * @throws IllegalArgumentException naming every problem: the key, the rule and the value found
     */
    public static GpioInputConfig fromMap(Map<String, Object> gpio, String where) {
        ConfigReader reader = new ConfigReader("", new YamlLocations(""));
        GpioInputConfig config = read(reader, reader.new Node(new ObjectMapper().valueToTree(gpio), where), null,
            where);
        if (config == null) {
            throw new IllegalArgumentException(String.join("; ", reader.inFileOrder().stream()
                .map(ConfigProblem::toString).toList()));
        }
        return config;
    }
}
