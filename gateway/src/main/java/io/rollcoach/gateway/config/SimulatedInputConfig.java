package io.rollcoach.gateway.config;

/**
 * A simulated roller playing a scenario ({@code - simulate: good-technique}).
 *
 * @param scenario a scenario name or file (docs/simulator.md); whether it exists is checked before start
 * @param speed    times real time
 * @param loop     start the scenario again when it ends
 */
public record SimulatedInputConfig(String scenario, double speed, boolean loop, String topicName, String where)
    implements InputConfig {
    public SimulatedInputConfig {
        if (scenario == null || scenario.isBlank()) {
            throw new IllegalArgumentException("simulate must name a scenario, was " + (scenario == null ? "nothing"
                : "'" + scenario + "'"));
        }
        InputConfig.checkSpeed("speed", speed);
        InputConfig.checkTopicName("name", topicName);
    }
}
