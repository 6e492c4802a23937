package io.rollcoach.gateway.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

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

    /** One edit: replace a character, insert one, cut up to 19 characters, or insert a run of nasty ones. */
    record Edit(int kind, int place, int nasty, int cut) {
        void apply(StringBuilder text) {
            if (text.length() == 0) {
                text.append(NASTY.charAt(nasty));
                return;
            }
            int at = place % text.length();
            switch (kind) {
                case 0 -> text.setCharAt(at, NASTY.charAt(nasty));
                case 1 -> text.insert(at, NASTY.charAt(nasty));
                case 2 -> text.delete(at, Math.min(text.length(), at + cut));
                default -> text.insert(at, NASTY.substring(Math.min(nasty, NASTY.length() - 6)));
            }
        }
    }

    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(0, VALID.length() - 1),
            Arbitraries.integers().between(0, NASTY.length() - 1),
            Arbitraries.integers().between(0, 19)).as(Edit::new);
        return edit.list().ofMinSize(1).ofMaxSize(12).map(edits -> {
            StringBuilder text = new StringBuilder(VALID);
            for (Edit each : edits) {
                each.apply(text);
            }
            return text.toString();
        });
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
    void anyBytesAtAll(@ForAll @Size(max = 400) List<Byte> bytes) {
        byte[] text = new byte[bytes.size()];
        for (int i = 0; i < text.length; i++) {
            text[i] = bytes.get(i);
        }
        try {
            ConfigLoader.parse(new String(text, StandardCharsets.ISO_8859_1), "fuzz.yaml", Path.of("."));
        } catch (ConfigException expected) {
            // refused, with a message
        }
    }
}
