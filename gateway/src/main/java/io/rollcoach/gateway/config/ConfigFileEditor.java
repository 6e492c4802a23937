package io.rollcoach.gateway.config;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Edits the person's YAML config file in place, for {@code rollcoach calibrate}: finds a {@code gpio} input and writes
 * its force calibration ({@code offset}, {@code scale} under {@code gpio.force}) by editing only those values in the
 * text, so comments, layout and every other key survive. An edit is kept only if re-reading the file gives exactly the
 * old configuration with the new two values; otherwise the file is left alone and the caller prints
 * {@link #snippet} to paste. Used once, on the caller's thread.
 */
public final class ConfigFileEditor {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final Path path;
    private final String text;
    private final Map<String, Object> tree;

    private ConfigFileEditor(Path path, String text, Map<String, Object> tree) {
        this.path = path;
        this.text = text;
        this.tree = tree;
    }

    /** Reads the file; IllegalArgumentException when it is YAML but not a map of settings. */
    @SuppressWarnings("unchecked")
    public static ConfigFileEditor read(Path path) throws IOException {
        String text = Files.readString(path);
        Object tree = YAML.readValue(text, Object.class);
        if (!(tree instanceof Map)) {
            throw new IllegalArgumentException(path + " is not a YAML map of settings");
        }
        return new ConfigFileEditor(path, text, (Map<String, Object>) tree);
    }

    /**
     * The {@code gpio} map of the input named {@code name}, or of the only gpio input when name is null.
     *
     * @throws IllegalArgumentException when there is none, several and no name, or none of that name
     */
    public Map<String, Object> gpioInput(String name) {
        List<Map<String, Object>> gpio = gpioInputs(tree);
        if (gpio.isEmpty()) {
            throw new IllegalArgumentException(path + " has no 'inputs:' entry with a 'gpio:' map");
        }
        if (name == null) {
            if (gpio.size() > 1) {
                throw new IllegalArgumentException(path + " has " + gpio.size() + " gpio inputs " + names(gpio)
                    + ": choose one with --input");
            }
            return gpio.get(0);
        }
        return gpio.stream().filter(g -> name.equals(String.valueOf(g.get("name")))).findFirst().orElseThrow(() ->
            new IllegalArgumentException(path + " has no gpio input named '" + name + "'; it has " + names(gpio)));
    }

    /** Where, as a path the person can find, e.g. {@code inputs[0].gpio}. */
    public String where(Map<String, Object> gpio) {
        Object inputs = tree.get("inputs");
        if (inputs instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof Map<?, ?> entry && entry.get("gpio") == gpio) {
                    return "inputs[" + i + "].gpio";
                }
            }
        }
        return "gpio";
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> gpioInputs(Map<String, Object> tree) {
        List<Map<String, Object>> found = new ArrayList<>();
        if (tree.get("inputs") instanceof List<?> inputs) {
            for (Object input : inputs) {
                if (input instanceof Map<?, ?> entry && entry.get("gpio") instanceof Map<?, ?> gpio) {
                    found.add((Map<String, Object>) gpio);
                }
            }
        }
        return found;
    }

    private static List<String> names(List<Map<String, Object>> gpio) {
        return gpio.stream().map(g -> String.valueOf(g.get("name"))).toList();
    }

    /**
     * Writes the calibration into the file if that can be done safely; returns why not otherwise (null when written).
     * The old file is kept beside it as {@code <name>.bak}.
     */
    @SuppressWarnings("unchecked")
    public String writeForceCalibration(String inputName, double offset, double scale) throws IOException {
        Map<String, Object> gpio = gpioInput(inputName);
        if (!(gpio.get("force") instanceof Map)) {
            return "the gpio input has no 'force:' map";
        }
        // What the file must say afterwards: the same tree with the two values set.
        Map<String, Object> expected = YAML.readValue(text, Map.class);
        Map<String, Object> target = gpioInputs(expected).stream()
            .filter(g -> inputName == null || inputName.equals(String.valueOf(g.get("name"))))
            .findFirst().orElseThrow();
        Map<String, Object> force = (Map<String, Object>) target.get("force");
        // as YAML will read the written text back (1000 is an integer, 0.02 a double)
        force.put("offset", YAML.readValue(number(offset), Object.class));
        force.put("scale", YAML.readValue(number(scale), Object.class));
        String edited = edit(text, number(offset), number(scale));
        if (edited == null) {
            return "its force section is not written in a shape this command edits (one offset and one scale key, "
                + "or a one-line {..} or block 'force:' map without them)";
        }
        Object reread;
        try {
            reread = YAML.readValue(edited, Object.class);
        } catch (IOException e) {
            return "the edit would not parse: " + e.getMessage();
        }
        if (!YAML.valueToTree(reread).equals(YAML.valueToTree(expected))) {
            return "the edit would change more than the calibration (several gpio inputs or look-alike keys?)";
        }
        Path backup = path.resolveSibling(path.getFileName() + ".bak");
        Files.copy(path, backup, StandardCopyOption.REPLACE_EXISTING);
        Path temp = path.resolveSibling(path.getFileName() + ".tmp");
        Files.writeString(temp, edited);
        Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return null;
    }

    private static final Pattern OFFSET = Pattern.compile("(?<=[\\s{,])offset:[ \\t]*[-+0-9.eE]+");
    private static final Pattern SCALE = Pattern.compile("(?<=[\\s{,])scale:[ \\t]*[-+0-9.eE]+");
    private static final Pattern FLOW_FORCE = Pattern.compile("(force:[ \\t]*\\{[^{}\\n]*)\\}");
    private static final Pattern BLOCK_FORCE = Pattern.compile("(?m)^([ \\t]*)force:[ \\t]*\\n([ \\t]+)(?=\\S)");

    /** A candidate edit; the caller verifies it by re-reading. */
    private static String edit(String text, String offset, String scale) {
        int offsets = count(OFFSET, text);
        int scales = count(SCALE, text);
        if (offsets == 1 && scales == 1) {
            String once = OFFSET.matcher(text).replaceFirst(Matcher.quoteReplacement("offset: " + offset));
            return SCALE.matcher(once).replaceFirst(Matcher.quoteReplacement("scale: " + scale));
        }
        if (offsets != 0 || scales != 0) {
            return null;
        }
        if (count(FLOW_FORCE, text) == 1) {
            // numbers hold no '$' or '\\', so the replacement needs no quoting beyond the group reference
            return FLOW_FORCE.matcher(text).replaceFirst("$1, offset: " + offset + ", scale: " + scale + "}");
        }
        if (count(BLOCK_FORCE, text) == 1) {
            Matcher m = BLOCK_FORCE.matcher(text);
            m.find();
            String indent = m.group(2);
            return text.substring(0, m.end()) + "offset: " + offset + "\n" + indent + "scale: " + scale + "\n"
                + indent + text.substring(m.end());
        }
        return null;
    }

    private static int count(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** A value as written into the file: at most 9 significant digits, no trailing zeros, never an exponent. */
    public static String number(double value) {
        String s = String.format(Locale.ROOT, "%.9g", value);
        return new BigDecimal(s).stripTrailingZeros().toPlainString();
    }

    /** The lines to paste under the input's {@code gpio: force:} map. */
    public static String snippet(double offset, double scale) {
        return "    force:\n      # keep your type, bus/address or pins as they are; set these two:\n"
            + "      offset: " + number(offset) + "\n      scale: " + number(scale) + "\n";
    }
}
