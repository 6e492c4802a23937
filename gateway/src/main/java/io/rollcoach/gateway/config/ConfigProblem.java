package io.rollcoach.gateway.config;

/**
 * One thing wrong in a configuration: where it is, the key as typed, and the rule with the value found. Printed as
 * {@code rollcoach.yaml:12:5: display.port: must be from 0 to 65535 (0: any free port), was 70000}.
 *
 * @param source the file (or {@code defaults}, or empty when read from a map)
 * @param line   1-based; 0 when the file does not say (a key left out)
 * @param column 1-based; 0 with line 0
 * @param path   the key as typed, with its sections ({@code inputs[1].gpio.force.channel}); empty for the whole file
 * @param rule   what is allowed, and what was found
 */
public record ConfigProblem(String source, int line, int column, String path, String rule) {
    /** A problem with the file as a whole: it is not there, or not YAML. */
    static ConfigProblem ofFile(String source, int line, int column, String rule) {
        return new ConfigProblem(source, line, column, "", rule);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (!source.isEmpty()) {
            sb.append(source);
            if (line > 0) {
                sb.append(':').append(line).append(':').append(column);
            }
            sb.append(": ");
        }
        if (!path.isEmpty()) {
            sb.append(path).append(": ");
        }
        return sb.append(rule).toString();
    }
}
