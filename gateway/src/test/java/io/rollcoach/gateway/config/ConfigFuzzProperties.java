package io.rollcoach.gateway.config;

import java.nio.file.Path;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Valid configurations mutated at random (characters replaced, inserted, lines cut, values swapped): the loader
 * either accepts the result or refuses it with a ConfigException; never anything else.
 */
class ConfigFuzzProperties {
    private static final String VALID = String.join("\n",
        "gateway: {id: pi-gym-1}",
        "inputs:",
        "  - serial: /dev/ttyUSB0",
        "    baud: 230400",
        "    name: left",
        "  - simulate: good-technique",
        "    speed: 4",
        "  - gpio: {force: {type: ads1115, bus: 1, address: 0x48, channel: 0}, rotation: {type: as5600, bus: 1},"
            + " button: {pin: 17}, rateHz: 100, radiusMm: 75}",
        "person: {name: ana, bodyWeightKg: 62, units: cm}",
        "technique:",
        "  stroke.maxMm: 60",
        "  routine.autoAdvance: true",
        "mqtt:",
        "  url: tcp://broker.local:1883",
        "  bufferMessages: 500",
        "display: {port: 8081, pin: \"2468\"}",
        "broker: {port: 1883}",
        "storage: {dir: /var/lib/rollcoach, captures: false}",
        "");
    private static final String NASTY = ":{}[]-#&*!|>'\"%@`,?\t\n 0x7fffffffffffffff -1e999 null ~ true";

    @Provide
    Arbitrary<String> mutated() {
        return Arbitraries.integers().between(1, 12).flatMap(edits -> Arbitraries.longs().map(seed -> {
            java.util.Random random = new java.util.Random(seed);
            StringBuilder text = new StringBuilder(VALID);
            for (int i = 0; i < edits; i++) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(4)) {
                    case 0 -> text.setCharAt(at, NASTY.charAt(random.nextInt(NASTY.length())));
                    case 1 -> text.insert(at, NASTY.charAt(random.nextInt(NASTY.length())));
                    case 2 -> text.delete(at, Math.min(text.length(), at + random.nextInt(20)));
                    default -> text.insert(at, NASTY.substring(random.nextInt(NASTY.length() - 5)));
                }
            }
            return text.toString();
        }));
    }

    @Property(tries = 1500)
    void onlyConfigExceptionsEscape(@ForAll("mutated") String yaml) {
        try {
            ConfigLoader.parse(yaml, "fuzz.yaml", Path.of("/etc/rollcoach"));
        } catch (ConfigException expected) {
            if (expected.getMessage() == null || !expected.getMessage().startsWith("fuzz.yaml")) {
                throw new AssertionError("an error that does not name the file: " + expected.getMessage());
            }
        }
    }

    @Property(tries = 300)
    void anyBytesAtAll(@ForAll @IntRange(min = 0, max = 400) int length, @ForAll long seed) {
        byte[] bytes = new byte[length];
        new java.util.Random(seed).nextBytes(bytes);
        try {
            ConfigLoader.parse(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1), "fuzz.yaml", Path.of("."));
        } catch (ConfigException expected) {
            // refused, with a message
        }
    }
}
