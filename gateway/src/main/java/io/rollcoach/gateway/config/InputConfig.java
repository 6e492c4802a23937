package io.rollcoach.gateway.config;

import io.rollcoach.gateway.mqtt.Topics;
import io.rollcoach.gateway.technique.TechniqueConfig;

/**
 * One roller's input, as the config file's {@code inputs:} entry or a command-line option gives it: read and checked
 * once, then used as it is to build the input at start. Immutable.
 */
public sealed interface InputConfig permits SerialInputConfig, SimulatedInputConfig, ReplayInputConfig,
    GpioInputConfig {
    /** How much faster than real time a scenario or capture may play. */
    double MIN_SPEED = 0.1;
    double MAX_SPEED = 1000;

    /** The {@code <id>} in the roller's topics and on the display (the entry's {@code name}); null: its device id. */
    String topicName();

    /** Where it was configured, for messages: {@code rollcoach.yaml:7:5}, or the option ({@code --serial COM3}). */
    String where();

    /** @throws IllegalArgumentException naming {@code key} when {@code speed} is out of range */
    static void checkSpeed(String key, double speed) {
        if (!(speed >= MIN_SPEED && speed <= MAX_SPEED)) {
            throw new IllegalArgumentException(key + " must be from " + fmt(MIN_SPEED) + " to " + fmt(MAX_SPEED)
                + ", was " + fmt(speed));
        }
    }

    /** @throws IllegalArgumentException naming {@code key} when {@code name} cannot be a topic level */
    static void checkTopicName(String key, String name) {
        if (name != null) {
            Topics.checkLevel(key, name);
        }
    }

    private static String fmt(double value) {
        return TechniqueConfig.fmt(value);
    }
}
