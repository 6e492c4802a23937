package io.rollcoach.gateway.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration that cannot be used, with every problem found in it in file order: each names the file, line and
 * column, the key as typed, the rule and the value found. The message is one problem a line.
 */
public final class ConfigException extends RuntimeException {
    private final transient List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** A problem with the file as a whole (not there, not text, not YAML). */
    public ConfigException(String source, String rule, Throwable cause) {
        this(List.of(ConfigProblem.ofFile(source, 0, 0, rule)));
        initCause(cause);
    }

    /** In file order; never empty. */
    public List<ConfigProblem> problems() {
        return problems;
    }
}
